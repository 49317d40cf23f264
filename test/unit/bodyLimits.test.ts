import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { brotliCompressSync, constants, deflateSync, gzipSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { resolveItemOptions } from '../../nodes/UnifiedPassthrough/execute/options';
import { EXPANSION_ALLOWANCE_BYTES, guardedDecodedStream } from '../../nodes/UnifiedPassthrough/response/expansionGuard';
import { readHead, readWithin } from '../../nodes/UnifiedPassthrough/response/readBody';
import { DEFAULT_MAX_COMPRESSION_RATIO, DEFAULT_MAX_RESPONSE_SIZE_MB } from '../../nodes/UnifiedPassthrough/shared/defaults';

const MB = 1024 * 1024;

/** A stream that never ends by itself; counts the chunks it was asked for, so a test can see that reading stopped. */
function endless(chunk: Buffer): { stream: Readable; produced: () => number } {
	let produced = 0;
	const stream = new Readable({
		read() {
			produced++;
			this.push(chunk);
		},
	});
	return { stream, produced: () => produced };
}

describe('readWithin and readHead', () => {
	const body = Buffer.from('0123456789');

	it('read a body of exactly maxBytes whole', async () => {
		expect(await readWithin(Readable.from([body.subarray(0, 4), body.subarray(4)]), 10)).toEqual(body);
		expect(await readHead(Readable.from([body]), 10)).toEqual({ bytes: body, truncated: false });
	});

	it('stop at maxBytes + 1 and destroy the stream; readHead keeps the first maxBytes', async () => {
		const stream = Readable.from([body, Buffer.from('x')]);
		expect(await readWithin(stream, 10)).toBeUndefined();
		expect(stream.destroyed).toBe(true);
		const again = Readable.from([body, Buffer.from('x')]);
		expect(await readHead(again, 10)).toEqual({ bytes: body, truncated: true });
		expect(again.destroyed).toBe(true);
	});

	it('cut a single chunk larger than the limit', async () => {
		expect(await readHead(Readable.from([body]), 3)).toEqual({ bytes: Buffer.from('012'), truncated: true });
		expect(await readWithin(Readable.from([body]), 3)).toBeUndefined();
	});

	it('end an endless stream after about maxBytes', async () => {
		const source = endless(Buffer.alloc(64 * 1024, 0x20));
		expect(await readWithin(source.stream, MB)).toBeUndefined();
		expect(source.stream.destroyed).toBe(true);
		// Readable's own read-ahead (highWaterMark) is the only slack.
		expect(source.produced()).toBeLessThanOrEqual(MB / (64 * 1024) + 2);
		const head = endless(Buffer.alloc(64 * 1024, 0x20));
		expect((await readHead(head.stream, MB)).bytes.length).toBe(MB);
	});

	it('reject when the stream fails', async () => {
		const stream = new Readable({ read() {} });
		const read = readWithin(stream, 10);
		stream.destroy(new Error('socket reset'));
		await expect(read).rejects.toThrow('socket reset');
	});
});

describe('guardedDecodedStream', () => {
	const spaces = (size: number) => Buffer.alloc(size, 0x20);
	const brotliMax = { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } };

	async function drain(guarded: ReturnType<typeof guardedDecodedStream>): Promise<{ decoded: number; error?: Error }> {
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
		expect(exceeded.decodedBytes).toBeGreaterThan(Math.max(EXPANSION_ALLOWANCE_BYTES, 100 * wire.length));
		// One decoder chunk (16 KB) of slack at most, nothing near the 16 MB the bomb holds.
		expect(exceeded.decodedBytes).toBeLessThanOrEqual(Math.max(EXPANSION_ALLOWANCE_BYTES, 100 * wire.length) + 64 * 1024);
		expect(decoded).toBeLessThan(exceeded.decodedBytes);
	});

	it('stops an endless bomb (gzip members of 1 MB each, repeated forever), having received little', async () => {
		const member = gzipSync(spaces(MB), { level: 9 });
		const source = endless(member);
		const guarded = guardedDecodedStream(source.stream, 'gzip', 100);
		expect((await drain(guarded)).error).toBeDefined();
		expect(source.stream.destroyed).toBe(true);
		const { receivedBytes, decodedBytes } = guarded.exceeded()!;
		expect(decodedBytes).toBeLessThanOrEqual(Math.max(EXPANSION_ALLOWANCE_BYTES, 100 * receivedBytes) + 64 * 1024);
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
		const guarded = guardedDecodedStream(Readable.from([gzipSync(spaces(EXPANSION_ALLOWANCE_BYTES))]), 'gzip', 1);
		expect(await drain(guarded)).toEqual({ decoded: EXPANSION_ALLOWANCE_BYTES });
	});

	it('with ratio 0 the check is off', async () => {
		const guarded = guardedDecodedStream(Readable.from([gzipSync(spaces(16 * MB), { level: 9 })]), 'gzip', 0);
		expect(await drain(guarded)).toEqual({ decoded: 16 * MB });
	});

	it('leaves uncompressed and unknown encodings as they are', async () => {
		for (const encoding of [undefined, 'identity', 'compress']) {
			const body = spaces(3 * MB);
			expect((await buffer(guardedDecodedStream(Readable.from([body]), encoding, 1).stream)).equals(body)).toBe(true);
		}
	});
});

describe('resolveItemOptions: response limits', () => {
	it('defaults to the description\'s values', () => {
		expect(resolveItemOptions({})).toMatchObject({
			maxBodyBytes: DEFAULT_MAX_RESPONSE_SIZE_MB * MB,
			maxCompressionRatio: DEFAULT_MAX_COMPRESSION_RATIO,
		});
	});

	it('reads Max Response Size in MB', () => {
		expect(resolveItemOptions({ maxResponseSize: 1 }).maxBodyBytes).toBe(MB);
		expect(resolveItemOptions({ maxResponseSize: 0.5 }).maxBodyBytes).toBe(MB / 2);
	});

	it.each([501, Infinity])('refuses a size limit above one V8 string: %s', (value) => {
		expect(() => resolveItemOptions({ maxResponseSize: value })).toThrow(/the most it can be is 500/);
	});

	it.each([0, -1, Number.NaN, 'lots', null])('never lifts the size limit: %j means the default', (value) => {
		expect(resolveItemOptions({ maxResponseSize: value as number }).maxBodyBytes).toBe(DEFAULT_MAX_RESPONSE_SIZE_MB * MB);
	});

	it('lets 0 turn the ratio check off, and falls back to the default for nonsense', () => {
		expect(resolveItemOptions({ maxCompressionRatio: 0 }).maxCompressionRatio).toBe(0);
		expect(resolveItemOptions({ maxCompressionRatio: 2000 }).maxCompressionRatio).toBe(2000);
		for (const value of [-5, Number.NaN, 'x', Infinity]) {
			expect(resolveItemOptions({ maxCompressionRatio: value as number }).maxCompressionRatio).toBe(DEFAULT_MAX_COMPRESSION_RATIO);
		}
	});
});
