import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import {
	NodeHelpers,
	type INode,
	type INodeProperties,
	type INodePropertyCollection,
	type INodeType,
} from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { loadPackage, PACKAGE_ROOT } from '../harness/engine';
import interfaceDoc from '../fixtures/interface-parameters.json';

type Level = { path: string; properties: INodeProperties[] };

/** Every level of parameters: the top level, and the values inside each collection / fixedCollection. */
function levels(properties: INodeProperties[], path = ''): Level[] {
	const found: Level[] = [{ path: path || '(top level)', properties }];
	for (const property of properties) {
		for (const option of property.options ?? []) {
			if ('values' in option)
				found.push(
					...levels(
						(option as INodePropertyCollection).values,
						`${path}${property.name}.${option.name}.`,
					),
				);
		}
		if (property.type === 'collection') {
			found.push(
				...levels((property.options ?? []) as INodeProperties[], `${path}${property.name}.`),
			);
		}
	}
	return found;
}

const SPECIAL_DISPLAY_KEYS = new Set(['@version', '@tool', '@feature']);

describe("the built package's descriptions", async () => {
	const pkg = await loadPackage();
	const node = pkg.node as INodeType;
	const { properties } = node.description;
	const byName = (name: string) => properties.filter((property) => property.name === name);

	it('every options default is one of its values', () => {
		const problems: string[] = [];
		for (const level of levels(properties)) {
			for (const property of level.properties) {
				if (property.type !== 'options') continue;
				const values = (property.options ?? []).map(
					(option) => (option as { value: unknown }).value,
				);
				if (!values.includes(property.default))
					problems.push(
						`${level.path}${property.name}: ${String(property.default)} not in ${values.join('/')}`,
					);
			}
		}
		for (const property of pkg.credential.properties) {
			if (property.type !== 'options') continue;
			const values = (property.options ?? []).map((option) => (option as { value: unknown }).value);
			if (!values.includes(property.default)) problems.push(`credential ${property.name}`);
		}
		expect(problems).toEqual([]);
	});

	it('every displayOptions refers to a parameter at its level, and to one of its values', () => {
		const problems: string[] = [];
		for (const level of levels(properties)) {
			const names = new Map<string, INodeProperties[]>();
			for (const property of level.properties)
				names.set(property.name, [...(names.get(property.name) ?? []), property]);
			for (const property of level.properties) {
				for (const rules of [property.displayOptions?.show, property.displayOptions?.hide]) {
					for (const [key, expected] of Object.entries(rules ?? {})) {
						if (SPECIAL_DISPLAY_KEYS.has(key)) continue;
						const targets = key.startsWith('/')
							? properties.filter((p) => p.name === key.slice(1))
							: (names.get(key) ?? []);
						if (!targets.length) {
							problems.push(`${level.path}${property.name} refers to missing "${key}"`);
							continue;
						}
						const possible = targets.flatMap((target) =>
							target.type === 'boolean'
								? [true, false]
								: target.type === 'options'
									? (target.options ?? []).map((o) => (o as { value: unknown }).value)
									: [],
						);
						if (!possible.length) continue;
						for (const value of expected ?? []) {
							if (!possible.includes(value as never))
								problems.push(`${level.path}${property.name}: "${key}" never is ${String(value)}`);
						}
					}
				}
			}
		}
		expect(problems).toEqual([]);
	});

	it('uses the parameter names of the interface document', () => {
		const topLevel = [...new Set(properties.map((property) => property.name))];
		expect(topLevel.sort()).toEqual([...interfaceDoc.node, ...interfaceDoc.nodeExtensions].sort());
		const modes = byName('connection')[0].modes!.map((mode) => mode.name);
		expect(modes).toEqual(interfaceDoc.connectionModes);
		expect(pkg.credential.properties.map((property) => property.name)).toEqual(
			interfaceDoc.credential,
		);
		const options = (byName('options')[0].options ?? []) as INodeProperties[];
		const optionNames = options.map((option) => option.name);
		const known = [...interfaceDoc.options, ...interfaceDoc.optionExtensions];
		expect(
			optionNames.filter((name) => !known.includes(name)),
			'options missing from test/fixtures/interface-parameters.json',
		).toEqual([]);
		// Pagination is built on its own branch; every other documented option must be here.
		expect(optionNames).toEqual(
			expect.arrayContaining(interfaceDoc.options.filter((name) => name !== 'pagination')),
		);
		for (const name of optionNames) {
			const expected = (interfaceDoc.optionDefaults as Record<string, unknown>)[name];
			if (expected !== undefined)
				expect(options.find((option) => option.name === name)!.default, name).toEqual(expected);
		}
	});

	it('as an AI tool, Domain, Proxy and Ignore SSL Issues are hidden, and the connection opt-in shows only there, taking no expression', () => {
		const options = (byName('options')[0].options ?? []) as INodeProperties[];
		const option = (name: string) => options.find((candidate) => candidate.name === name)!;
		const routing = ['domain', 'proxy', 'allowUnauthorizedCerts'];
		for (const name of routing)
			expect(option(name).displayOptions, name).toEqual({ hide: { '@tool': [true] } });
		expect(option('allowModelConnection')).toMatchObject({
			type: 'boolean',
			default: false,
			noDataExpression: true,
		});

		// Decided by n8n's own display logic: "@tool" is true for the "<name>Tool" variant its loader derives.
		const asTool = { ...node.description, name: `${node.description.name}Tool` };
		const shown = (name: string, description = node.description) =>
			NodeHelpers.displayParameter({}, option(name), { typeVersion: 1 } as INode, description);
		for (const name of routing) {
			expect(shown(name), name).toBe(true);
			expect(shown(name, asTool), name).toBe(false);
		}
		expect(shown('allowModelConnection')).toBe(false);
		expect(shown('allowModelConnection', asTool)).toBe(true);
	});

	it('has a subtitle showing method and path, light and dark icons that differ, and a credential test', () => {
		expect(node.description.subtitle).toBe('={{$parameter["method"] + " " + $parameter["path"]}}');
		expect(node.description.usableAsTool).toBe(true);
		// n8n's loader turns `icon: file:...` into served `iconUrl`s; both must point at files in dist.
		const icons = node.description.iconUrl as { light: string; dark: string };
		expect(icons.light).not.toBe(icons.dark);
		const read = (url: string) =>
			readFileSync(
				join(PACKAGE_ROOT, 'dist/nodes/Unified/Passthrough', url.split('/').pop()!),
				'utf8',
			);
		expect(read(icons.light)).toMatch(/<svg/);
		expect(read(icons.light)).not.toBe(read(icons.dark));
		expect(node.description.credentials).toEqual([
			{ name: 'unifiedApi', required: true, testedBy: 'testUnifiedApiCredential' },
		]);
		expect(typeof node.methods?.credentialTest?.testUnifiedApiCredential).toBe('function');
	});

	it.runIf(process.env.N8N_COMPAT_PACKAGE_ROOT)(
		'test:compat: the package under test runs against n8n-workflow 1.x',
		() => {
			const entry = createRequire(join(PACKAGE_ROOT, 'package.json')).resolve('n8n-workflow');
			const manifest = join(dirname(entry).split('/dist/')[0], 'package.json');
			expect(JSON.parse(readFileSync(manifest, 'utf8')).version).toMatch(/^1\./);
		},
	);

	it('ships a codex with categories, aliases and documentation links', () => {
		const codex = JSON.parse(
			readFileSync(
				join(PACKAGE_ROOT, 'dist/nodes/Unified/Passthrough/UnifiedPassthrough.node.json'),
				'utf8',
			),
		);
		expect(codex.node).toBe('n8n-nodes-unified.unifiedPassthrough');
		expect(codex.categories.length).toBeGreaterThan(0);
		expect(codex.alias).toEqual(
			expect.arrayContaining(['API', 'HubSpot', 'Slack', 'Salesforce', 'Passthrough']),
		);
		expect(codex.resources.primaryDocumentation[0].url).toMatch(/^https:\/\//);
		expect(codex.resources.credentialDocumentation[0].url).toMatch(/^https:\/\//);
	});
});
