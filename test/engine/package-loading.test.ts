import {
	cpSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	writeFileSync,
	symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
	CREDENTIAL_TYPE,
	harnessAdditionalData,
	HTTP_REQUEST_TYPE,
	loadPackage,
	NODE_TYPE,
	PACKAGE_ROOT,
} from '../harness/engine';

/** A copy of the built package whose package.json lists only `nodes`. */
function copyWith(nodes: string[]): string {
	const copy = mkdtempSync(join(tmpdir(), 'unified-pkg-'));
	cpSync(join(PACKAGE_ROOT, 'dist'), join(copy, 'dist'), { recursive: true });
	symlinkSync(join(PACKAGE_ROOT, 'node_modules'), join(copy, 'node_modules'));
	const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
		n8n: { nodes: string[] };
	};
	manifest.n8n.nodes = nodes;
	writeFileSync(join(copy, 'package.json'), JSON.stringify(manifest));
	return copy;
}

describe('the built package as n8n loads it', () => {
	it('registers the node and the credential under the names saved workflows use', async () => {
		const { loader, node, credential } = await loadPackage();
		expect(loader.packageName).toBe('n8n-nodes-unified');
		expect(Object.keys(loader.known.nodes)).toEqual([
			'unifiedPassthrough',
			'unifiedPassthroughTrigger',
			'unifiedTrigger',
		]);
		expect(Object.keys(loader.known.credentials)).toEqual(['unifiedApi']);
		const description = 'description' in node ? node.description : undefined;
		expect(description).toMatchObject({
			name: 'unifiedPassthrough',
			displayName: 'Unified.to Passthrough',
			version: 1,
			usableAsTool: true,
		});
		expect(credential.name).toBe('unifiedApi');
		expect(credential.properties.map((property) => property.name)).toEqual([
			'apiKey',
			'region',
			'baseUrl',
			'webhookSecret',
		]);
	});

	it('fails to load when package.json points at a file that is not in dist/', async () => {
		const correct = await loadPackage(
			copyWith(['dist/nodes/Unified/Passthrough/UnifiedPassthrough.node.js']),
		);
		expect(Object.keys(correct.loader.known.nodes)).toEqual(['unifiedPassthrough']);
		await expect(loadPackage(copyWith(['dist/UnifiedPassthrough.node.js']))).rejects.toThrow(
			/UnifiedPassthrough/,
		);
	});

	it('loading another copy of the package leaves the credential rule of the package under test alone', async () => {
		await loadPackage();
		await loadPackage(copyWith(['dist/nodes/Unified/Passthrough/UnifiedPassthrough.node.js']));
		const { credentialsHelper } = harnessAdditionalData({ apiKey: 'key' }, 'harness-policy');
		expect(credentialsHelper.isCredentialUsableByNode(CREDENTIAL_TYPE, `${NODE_TYPE}Trigger`)).toBe(
			true,
		);
		expect(credentialsHelper.isCredentialUsableByNode(CREDENTIAL_TYPE, HTTP_REQUEST_TYPE)).toBe(
			false,
		);
	});

	it('ships the icons next to the compiled node and credential', async () => {
		const { loader } = await loadPackage();
		expect(() =>
			readFileSync(join(PACKAGE_ROOT, 'dist/nodes/Unified/Passthrough/unified.svg')),
		).not.toThrow();
		expect(() =>
			readFileSync(join(PACKAGE_ROOT, 'dist/credentials/unified.dark.svg')),
		).not.toThrow();
		expect(loader.types.nodes[0].iconUrl ?? loader.types.nodes[0].icon).toBeTruthy();
	});

	it('every source map carries its sources: the .ts files it names are not shipped (only dist/ is)', () => {
		const maps = readdirSync(join(PACKAGE_ROOT, 'dist'), {
			recursive: true,
			encoding: 'utf8',
		}).filter((file) => file.endsWith('.js.map'));
		expect(maps.length).toBeGreaterThan(10);
		for (const file of maps) {
			const map = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'dist', file), 'utf8')) as {
				sources: string[];
				sourcesContent?: string[];
			};
			expect(map.sourcesContent?.length, file).toBe(map.sources.length);
			expect(
				map.sourcesContent?.every((source) => source.length > 0),
				file,
			).toBe(true);
		}
	});
});
