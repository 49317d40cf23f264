import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { forgetBinaryDataSetup, useFilesystemBinaryData } from '../harness/binaryStore';
import { useSimulator } from '../harness/fixture';
import { connectionById } from '../harness/workflow';
import { fileChunk } from '../simulator/data';

// The engine test files of a worker share n8n-core (vitest.config.mts: isolate false), so the harness must set
// n8n's binary data up the same way whatever a file before this one chose.

const fixture = useSimulator();
afterAll(() => forgetBinaryDataSetup());

const filesUnder = (folder: string) =>
	readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((entry) =>
		statSync(join(folder, entry)).isFile(),
	);

async function download() {
	const result = await fixture.run({
		connection: connectionById('conn_acme'),
		method: 'GET',
		path: '/files/download/report.pdf?size=5000&type=application/pdf',
	});
	expect(result.error).toBeUndefined();
	return result.output('Passthrough')![0].binary!.data;
}

describe('n8n binary data in the harness, file after file', () => {
	it('filesystem mode stores under the storage path of this call, not one set up before it', async () => {
		const earlier = await useFilesystemBinaryData();
		const storagePath = await useFilesystemBinaryData();
		const binary = await download();
		expect(binary.id).toMatch(/^filesystem(-v2)?:/);
		expect(filesUnder(storagePath).length).toBeGreaterThan(0);
		expect(filesUnder(earlier)).toEqual([]);
	});

	it('after forgetBinaryDataSetup, binaries travel inline again, as in a fresh process', async () => {
		await useFilesystemBinaryData();
		forgetBinaryDataSetup();
		const binary = await download();
		expect(binary.id).toBeUndefined();
		expect(Buffer.from(binary.data, 'base64').equals(fileChunk(0, 5000))).toBe(true);
	});
});
