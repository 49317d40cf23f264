import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { endless } from '../../../harness/endlessStream';

import {
	decodableEncodings,
	decodedStream,
	readHead,
	readWithin,
} from '../../../../nodes/Unified/core/response/readBody';

const MB = 1024 * 1024;

describe('decodedStream', () => {
	const payload = Buffer.from('{"hello": "wörld"}'.repeat(100));

	it.each([
		['gzip', gzipSync(payload)],
		['deflate', deflateSync(payload)],
		['br', brotliCompressSync(payload)],
		['identity', payload],
		[undefined, payload],
		['gzip, br', brotliCompressSync(gzipSync(payload))],
	])('undoes %s', async (encoding, body) => {
		expect((await buffer(decodedStream(Readable.from([body]), encoding))).equals(payload)).toBe(
			true,
		);
	});
});

describe('decodableEncodings', () => {
	it('lists the encodings to undo, last applied first, and skips unknown ones', () => {
		expect(decodableEncodings('gzip, br')).toEqual(['br', 'gzip']);
		expect(decodableEncodings(' GZIP ,x-gzip, identity, compress, deflate')).toEqual([
			'deflate',
			'x-gzip',
			'gzip',
		]);
		expect(decodableEncodings(undefined)).toEqual([]);
	});

	it('is not fooled by names of object properties', () => {
		expect(decodableEncodings('constructor, __proto__, toString, hasOwnProperty')).toEqual([]);
	});
});

describe('readWithin and readHead', () => {
	const body = Buffer.from('0123456789');

	it('read a body of exactly maxBytes whole', async () => {
		expect(await readWithin(Readable.from([body.subarray(0, 4), body.subarray(4)]), 10)).toEqual(
			body,
		);
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
		expect(await readHead(Readable.from([body]), 3)).toEqual({
			bytes: Buffer.from('012'),
			truncated: true,
		});
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
