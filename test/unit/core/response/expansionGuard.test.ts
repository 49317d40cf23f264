import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { brotliCompressSync, constants, deflateSync, gzipSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { endless } from '../../../harness/endlessStream';

import {
	EXPANSION_ALLOWANCE_BYTES,
	guardedDecodedStream,
} from '../../../../nodes/Unified/core/response/expansionGuard';

const MB = 1024 * 1024;

describe('guardedDecodedStream', () => {
	const spaces = (size: number) => Buffer.alloc(size, 0x20);
	const brotliMax = { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } };

	async function drain(
		guarded: ReturnType<typeof guardedDecodedStream>,
	): Promise<{ decoded: number; error?: Error }> {
		let decoded = 0;
		try {
			for await (const chunk of guarded.stream) decoded += (chunk as Buffer).length;
			return { decoded };
		} catch (error) {
			return { decoded, error: error as Error };
		}
	}

	it.each([
		['gzip', gzipSync(spaces(16 * MB), { level: 9 })],
		['deflate', deflateSync(spaces(16 * MB), { level: 9 })],
		['br', brotliCompressSync(spaces(16 * MB), brotliMax)],
		// Compressed twice, the ratios multiply; the guard compares the final size with the wire.
		['gzip, br', brotliCompressSync(gzipSync(spaces(16 * MB), { level: 9 }), brotliMax)],
		['GZIP', gzipSync(spaces(16 * MB), { level: 9 })],
	])('stops a %s bomb once it passes the ratio', async (encoding, wire) => {
		const guarded = guardedDecodedStream(Readable.from([wire]), encoding, 100);
		const { decoded, error } = await drain(guarded);
		expect(error).toBeDefined();
		const exceeded = guarded.exceeded()!;
		expect(exceeded.receivedBytes).toBe(wire.length);
		expect(exceeded.decodedBytes).toBeGreaterThan(
			Math.max(EXPANSION_ALLOWANCE_BYTES, 100 * wire.length),
		);
		// One decoder chunk (16 KB) of slack at most, nothing near the 16 MB the bomb holds.
		expect(exceeded.decodedBytes).toBeLessThanOrEqual(
			Math.max(EXPANSION_ALLOWANCE_BYTES, 100 * wire.length) + 64 * 1024,
		);
		expect(decoded).toBeLessThan(exceeded.decodedBytes);
	});

	it('stops an endless bomb (gzip members of 1 MB each, repeated forever), having received little', async () => {
		const member = gzipSync(spaces(MB), { level: 9 });
		const source = endless(member);
		const guarded = guardedDecodedStream(source.stream, 'gzip', 100);
		expect((await drain(guarded)).error).toBeDefined();
		expect(source.stream.destroyed).toBe(true);
		const { receivedBytes, decodedBytes } = guarded.exceeded()!;
		expect(decodedBytes).toBeLessThanOrEqual(
			Math.max(EXPANSION_ALLOWANCE_BYTES, 100 * receivedBytes) + 64 * 1024,
		);
		expect(receivedBytes).toBeLessThan(64 * member.length);
	});

	it('passes a file whose ratio stays within the limit, however large', async () => {
		const wire = gzipSync(spaces(4 * MB), { level: 9 });
		const ratio = (4 * MB) / wire.length;
		const within = guardedDecodedStream(Readable.from([wire]), 'gzip', Math.ceil(ratio) + 1);
		expect(await drain(within)).toEqual({ decoded: 4 * MB });
		expect(within.exceeded()).toBeUndefined();
		const below = guardedDecodedStream(Readable.from([wire]), 'gzip', Math.floor(ratio) - 1);
		expect((await drain(below)).error).toBeDefined();
	});

	it('passes a highly compressed file below the first MB', async () => {
		const guarded = guardedDecodedStream(
			Readable.from([gzipSync(spaces(EXPANSION_ALLOWANCE_BYTES))]),
			'gzip',
			1,
		);
		expect(await drain(guarded)).toEqual({ decoded: EXPANSION_ALLOWANCE_BYTES });
	});

	it('with ratio 0 the check is off', async () => {
		const guarded = guardedDecodedStream(
			Readable.from([gzipSync(spaces(16 * MB), { level: 9 })]),
			'gzip',
			0,
		);
		expect(await drain(guarded)).toEqual({ decoded: 16 * MB });
	});

	it('leaves uncompressed and unknown encodings as they are', async () => {
		for (const encoding of [undefined, 'identity', 'compress']) {
			const body = spaces(3 * MB);
			expect(
				(await buffer(guardedDecodedStream(Readable.from([body]), encoding, 1).stream)).equals(
					body,
				),
			).toBe(true);
		}
	});
});
