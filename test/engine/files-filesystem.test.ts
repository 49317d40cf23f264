import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';

import { beforeAll, describe, expect, it } from 'vitest';

import { storedBinary, useFilesystemBinaryData } from '../harness/binaryStore';
import { useSimulator } from '../harness/fixture';
import { connectionById, passthroughWorkflow } from '../harness/workflow';
import { fileChunk } from '../simulator/data';

const fixture = useSimulator();
let storagePath: string;
beforeAll(async () => {
	storagePath = await useFilesystemBinaryData();
});

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

function filesUnder(folder: string): string[] {
	return readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((entry) =>
		statSync(join(folder, entry)).isFile(),
	);
}

describe('files with n8n binary data in filesystem mode', () => {
	it('stores the download on disk and streams it from there into multipart and binaryData uploads', async () => {
		const size = 3 * 1024 * 1024 + 17;
		const expected = sha256(fileChunk(0, size));
		const download = {
			name: 'Download',
			parameters: {
				connection: connectionById('conn_acme'),
				method: 'GET',
				path: `/files/download/big.zip?size=${size}&type=application/zip`,
			},
		};
		const upload = (name: string, parameters: Record<string, unknown>) => ({
			name,
			parameters: {
				connection: connectionById('conn_acme'),
				method: 'POST',
				path: '/files/upload',
				sendBody: true,
				...parameters,
			},
		});
		const workflow = passthroughWorkflow(
			[{}],
			download,
			upload('Multipart', {
				contentType: 'multipart-form-data',
				bodyParameters: {
					parameters: [
						{ parameterType: 'formBinaryData', name: 'file', inputDataFieldName: 'data' },
					],
				},
			}),
		);
		// A second branch from the download: the binaryData upload.
		workflow.nodes.push({
			...workflow.nodes[2],
			id: 'node-binary',
			name: 'Whole Body',
			parameters: upload('', { contentType: 'binaryData', inputDataFieldName: 'data' }).parameters,
		});
		workflow.connections.Download.main[0]!.push({ node: 'Whole Body', type: 'main', index: 0 });

		const result = await fixture.runWorkflow(workflow);
		expect(result.error).toBeUndefined();
		const binary = result.output('Download')![0].binary!.data;
		expect(binary.id).toMatch(/^filesystem(-v2)?:/);
		expect(binary.bytes).toBe(size);
		expect(binary).toMatchObject({ fileName: 'big.zip', mimeType: 'application/zip' });
		expect(sha256(await storedBinary(binary.id!))).toBe(expected);
		expect(filesUnder(storagePath).length).toBeGreaterThan(0);

		expect(result.output('Multipart')![0].json).toMatchObject({
			parts: [{ name: 'file', filename: 'big.zip', size, sha256: expected }],
		});
		expect(result.output('Whole Body')![0].json).toEqual({
			contentType: 'application/zip',
			size,
			sha256: expected,
		});
	});

	it('a download echoing the API key after 2 MB fails the item; no stored byte holds any part of the key', async () => {
		const key = fixture.sim.apiKey;
		const before = new Set(filesUnder(storagePath));
		fixture.sim.faults.add({
			kind: 'reply',
			reply: () => ({
				status: 200,
				headers: { 'content-type': 'application/octet-stream' },
				body: Readable.from([
					Buffer.alloc(2 * 1024 * 1024, 'x'),
					Buffer.from(`Bearer ${key.slice(0, 5)}`),
					Buffer.from(`${key.slice(5)}`),
					Buffer.alloc(1024 * 1024, 'y'),
				]),
			}),
		});
		const result = await fixture.run({
			connection: connectionById('conn_acme'),
			method: 'GET',
			path: 'files/download/echo.bin',
		});
		expect(result.error?.message).toContain('holds the API key, so it was not stored');
		const written = filesUnder(storagePath).filter((entry) => !before.has(entry));
		expect(written).toEqual([]);
		for (const entry of written) {
			const data = readFileSync(join(storagePath, entry));
			expect(data.includes(key.slice(0, 5))).toBe(false);
		}
	});
});
