import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';

import { describe, expect, it } from 'vitest';

import {
	escapeDispositionValue,
	multipartBody,
	type MultipartPart,
} from '../../../../nodes/Unified/Passthrough/request/multipart';

const sha256 = (data: Buffer | Uint8Array) => createHash('sha256').update(data).digest('hex');

async function bodyBytes(parts: MultipartPart[], boundary?: string) {
	const source = multipartBody(parts, boundary);
	const bytes = await buffer((await source.open()) as Readable);
	return { source, bytes };
}

/** Parses with undici's own multipart parser (Response.formData), independent of the encoder under test. */
async function parse(bytes: Buffer, contentType: string): Promise<FormData> {
	return await new Response(new Uint8Array(bytes), {
		headers: { 'content-type': contentType },
	}).formData();
}

describe('multipartBody', () => {
	const file = Buffer.from(Array.from({ length: 3000 }, (_, index) => (index * 7) % 256));

	it('encodes text fields and a streamed file that a standard parser reads back byte for byte', async () => {
		const { source, bytes } = await bodyBytes([
			{ name: 'channel', value: 'C123' },
			{ name: 'note', value: 'Grüße, 世界' },
			{
				name: 'file',
				file: {
					fileName: 'report.pdf',
					mimeType: 'application/pdf',
					length: file.length,
					open: () => Readable.from([file.subarray(0, 1000), file.subarray(1000)]),
				},
			},
		]);
		expect(source.contentType).toMatch(
			/^multipart\/form-data; boundary=----n8nUnifiedBoundary[0-9a-f]{24}$/,
		);
		expect(source.length).toBe(bytes.length);
		const form = await parse(bytes, source.contentType!);
		expect(form.get('channel')).toBe('C123');
		expect(form.get('note')).toBe('Grüße, 世界');
		const uploaded = form.get('file') as File;
		expect(uploaded.name).toBe('report.pdf');
		expect(uploaded.type).toBe('application/pdf');
		expect(sha256(new Uint8Array(await uploaded.arrayBuffer()))).toBe(sha256(file));
	});

	it('writes the exact wire format, with a fixed boundary', async () => {
		const { bytes } = await bodyBytes(
			[
				{ name: 'a', value: '1' },
				{
					name: 'f',
					file: {
						fileName: 'x.txt',
						mimeType: 'text/plain',
						length: 2,
						open: () => Buffer.from('hi'),
					},
				},
			],
			'B',
		);
		expect(bytes.toString()).toBe(
			'--B\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n' +
				'--B\r\nContent-Disposition: form-data; name="f"; filename="x.txt"\r\nContent-Type: text/plain\r\n\r\nhi\r\n' +
				'--B--\r\n',
		);
	});

	it('opens fresh file streams on every open (one per attempt)', async () => {
		let opened = 0;
		const source = multipartBody([
			{
				name: 'f',
				file: {
					mimeType: 'application/octet-stream',
					length: file.length,
					open: () => (opened++, Readable.from([file])),
				},
			},
		]);
		const first = await buffer((await source.open()) as Readable);
		const second = await buffer((await source.open()) as Readable);
		expect(opened).toBe(2);
		expect(second.equals(first)).toBe(true);
	});

	it('has no length when a file length is unknown, and names a nameless file "file"', async () => {
		const source = multipartBody(
			[{ name: 'f', file: { mimeType: '', open: () => Buffer.from('x') } }],
			'B',
		);
		expect(source.length).toBeUndefined();
		const bytes = await buffer((await source.open()) as Readable);
		expect(bytes.toString()).toContain(
			'filename="file"\r\nContent-Type: application/octet-stream\r\n',
		);
	});

	it('keeps non-ASCII file names as UTF-8 and escapes quotes and line breaks', async () => {
		expect(escapeDispositionValue('a"b\r\nc')).toBe('a%22b%0D%0Ac');
		const { source, bytes } = await bodyBytes([
			{
				name: 'fi"le',
				file: {
					fileName: 'Zoë 報告.txt',
					mimeType: 'text/plain',
					length: 1,
					open: () => Buffer.from('z'),
				},
			},
		]);
		const form = await parse(bytes, source.contentType!);
		// The WHATWG parser undoes the %22 escape.
		expect([...form.keys()]).toEqual(['fi"le']);
		expect((form.get('fi"le') as File).name).toBe('Zoë 報告.txt');
	});
});

describe('escapeDispositionValue', () => {
	it.each([
		['a"b', 'a%22b'],
		['a\r\nb', 'a%0D%0Ab'],
		['a\u0000b\tc\u001fd\u007f', 'a%00b%09c%1Fd%7F'],
		['a\\', 'a%5C'],
		['Zoë 報告 \u2028.txt', 'Zoë 報告 \u2028.txt'],
	])('%j -> %j', (value, escaped) => {
		expect(escapeDispositionValue(value)).toBe(escaped);
	});

	it('leaves no byte that could end the header line or the quoted value', async () => {
		const hostile = Array.from({ length: 0x80 }, (_, code) => String.fromCharCode(code)).join('');
		const { bytes } = await bodyBytes(
			[
				{
					name: hostile,
					file: { fileName: hostile, mimeType: hostile, length: 1, open: () => Buffer.from('z') },
				},
			],
			'B',
		);
		const header = bytes.toString('latin1').split('\r\n\r\n')[0];
		expect(header.split('\r\n')).toHaveLength(3);
		const disposition = header.split('\r\n')[1];
		// name="..." and filename="...": four quotes, no more.
		expect(disposition.match(/"/g)).toHaveLength(4);
		expect(header.split('\r\n')[2]).toBe('Content-Type: application/octet-stream');
	});
});
