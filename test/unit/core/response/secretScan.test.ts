import { Readable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { scanForSecret, secretByteForms } from '../../../../nodes/Unified/core/response/secretScan';

const KEY = 'sk_live_0123456789abcdef';

/** Runs `chunks` through the scan: the bytes that came out, and whether it failed on the key. */
async function scan(chunks: Buffer[], secret = KEY): Promise<{ out: Buffer; found: boolean }> {
	const scanned = scanForSecret(Readable.from(chunks), secret);
	const out: Buffer[] = [];
	try {
		for await (const chunk of scanned.stream) out.push(chunk as Buffer);
	} catch {
		// The failure is told by found().
	}
	return { out: Buffer.concat(out), found: scanned.found() };
}

function splitAt(data: Buffer, cuts: number[]): Buffer[] {
	const points = [0, ...cuts, data.length];
	return points.slice(1).map((end, index) => data.subarray(points[index], end));
}

describe('scanForSecret', () => {
	it('finds the key in UTF-8, UTF-16LE and UTF-16BE', async () => {
		for (const form of secretByteForms(KEY)) {
			expect(
				(await scan([Buffer.concat([Buffer.from('head '), form, Buffer.from(' tail')])])).found,
			).toBe(true);
		}
		expect(secretByteForms(KEY).map((form) => form.length)).toEqual([24, 48, 48]);
	});

	it('finds the key split at every byte between two chunks, and across many one-byte chunks', async () => {
		for (const form of secretByteForms(KEY)) {
			const data = Buffer.concat([Buffer.alloc(100, 'a'), form, Buffer.alloc(100, 'b')]);
			for (let cut = 100; cut <= 100 + form.length; cut++) {
				expect((await scan(splitAt(data, [cut]))).found).toBe(true);
			}
			expect(
				(
					await scan(
						splitAt(
							data,
							[...Array(data.length - 1).keys()].map((i) => i + 1),
						),
					)
				).found,
			).toBe(true);
		}
	});

	it('lets no byte of a split key out before it fails: what came out holds no part of it', async () => {
		const data = Buffer.concat([Buffer.alloc(1000, 'a'), Buffer.from(KEY), Buffer.alloc(10, 'b')]);
		for (const cut of [1001, 1012, 1023]) {
			const { out, found } = await scan(splitAt(data, [cut]));
			expect(found).toBe(true);
			expect(out.includes(KEY.slice(0, 1))).toBe(false);
		}
	});

	it('passes any other file through byte for byte, however it is chunked', async () => {
		const data = Buffer.concat([
			Buffer.from(KEY.slice(0, -1)),
			Buffer.from(KEY.toUpperCase()),
			Buffer.from(KEY.slice(1)),
			Buffer.from([0, 1, 2, 255]),
		]);
		for (const cuts of [
			[],
			[1],
			[5, 6, 7],
			[23, 24, 25, 60],
			[...Array(data.length - 1).keys()].map((i) => i + 1),
		]) {
			const { out, found } = await scan(splitAt(data, cuts));
			expect(found).toBe(false);
			expect(out).toEqual(data);
		}
		expect((await scan([])).out).toEqual(Buffer.alloc(0));
	});

	it('a key too short to redact is not scanned for', async () => {
		expect(secretByteForms('abc')).toEqual([]);
		expect((await scan([Buffer.from('xxabcxx')], 'abc')).found).toBe(false);
	});
});
