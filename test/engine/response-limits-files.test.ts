import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeParameters } from 'n8n-workflow';
import { beforeAll, describe, expect, it } from 'vitest';

import { storedBinary, useFilesystemBinaryData } from '../harness/binaryStore';
import { useSimulator } from '../harness/fixture';
import { connectionById } from '../harness/workflow';

// Files stream into n8n's binary store (here on disk, n8n's filesystem mode) without a size limit; a compressed
// file may only grow "Max Compression Ratio" times its size on the wire, so a few KB cannot fill the disk.
let storagePath: string;
beforeAll(async () => {
	storagePath = await useFilesystemBinaryData();
});
const fixture = useSimulator();

const MB = 1024 * 1024;

function bytesStored(): number {
	return readdirSync(storagePath, { recursive: true, encoding: 'utf8' })
		.map((entry) => statSync(join(storagePath, entry)))
		.filter((stat) => stat.isFile())
		.reduce((total, stat) => total + stat.size, 0);
}

/** A file download from Acme's `padded` endpoint (see the simulator). */
const download = (query: string, options: INodeParameters = {}): INodeParameters => ({
	connection: connectionById('conn_acme'),
	method: 'GET',
	path: `padded?type=application/octet-stream&${query}`,
	options,
});

describe('Max Compression Ratio (maxCompressionRatio) for files', () => {
	it.each(['gzip', 'br', 'deflate'])(
		'an endless %s bomb fails the item, naming the option, and leaves nothing on disk',
		async (encoding) => {
			const before = bytesStored();
			const result = await fixture.run(download(`size=endless&encoding=${encoding}`));
			expect(result.status).toBe('error');
			expect(result.error?.message).toContain(
				'expands more than 100 times, the "Max Compression Ratio" option',
			);
			expect(result.error?.description).toContain(
				'raise "Max Compression Ratio" (maxCompressionRatio)',
			);
			expect(fixture.sim.log).toHaveLength(1);
			// n8n removes the partly written file when the stream fails.
			expect(bytesStored()).toBe(before);
		},
	);

	it('stores a compressed file within the ratio whole (gzip of spaces is about 1000:1)', async () => {
		const size = 20 * MB;
		const refused = await fixture.run(
			download(`size=${size}&encoding=gzip`, { maxCompressionRatio: 900 }),
		);
		expect(refused.error?.message).toContain('"Max Compression Ratio"');

		const stored = await fixture.run(
			download(`size=${size}&encoding=gzip`, { maxCompressionRatio: 1100 }),
		);
		expect(stored.error).toBeUndefined();
		const binary = stored.output('Passthrough')![0].binary!.data;
		expect(binary.bytes).toBe(size);
		const bytes = await storedBinary(binary.id!);
		expect(bytes.subarray(0, 15).toString()).toBe('{"padded":true}');
	});

	it('0 turns the check off', async () => {
		const result = await fixture.run(
			download(`size=${20 * MB}&encoding=br`, { maxCompressionRatio: 0 }),
		);
		expect(result.error).toBeUndefined();
		expect(result.output('Passthrough')![0].binary!.data.bytes).toBe(20 * MB);
	});

	it('an uncompressed file is not limited by size', async () => {
		const result = await fixture.run(download(`size=${3 * MB}`, { maxResponseSize: 1 }));
		expect(result.error).toBeUndefined();
		expect(result.output('Passthrough')![0].binary!.data.bytes).toBe(3 * MB);
	});
});
