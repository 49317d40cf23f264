import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { charsetOf, classifyResponse, isBinaryMediaType } from '../../nodes/UnifiedPassthrough/response/contentType';
import { decodeText } from '../../nodes/UnifiedPassthrough/response/decodeText';
import { fileNameFromContentDisposition, fileNameFromPath } from '../../nodes/UnifiedPassthrough/response/fileName';
import { decodedStream } from '../../nodes/UnifiedPassthrough/response/readBody';

describe('classifyResponse', () => {
	it.each([
		['application/json; charset=utf-8', 'json'],
		['application/vnd.api+json', 'json'],
		['image/png', 'binary'],
		['application/pdf', 'binary'],
		['application/octet-stream', 'binary'],
		['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'binary'],
		['audio/ogg', 'binary'],
		['text/csv', 'text'],
		['application/xml', 'text'],
		['image/svg+xml', 'text'],
		[undefined, 'text'],
	])('autodetect %s -> %s', (contentType, kind) => {
		expect(classifyResponse('autodetect', 200, contentType, true)).toBe(kind);
	});

	it('file format makes any success a file, errors stay readable, empty statuses are empty', () => {
		expect(classifyResponse('file', 200, 'application/json', true)).toBe('binary');
		expect(classifyResponse('file', 404, 'application/json', false)).toBe('json');
		expect(classifyResponse('autodetect', 500, 'image/png', false)).toBe('text');
		for (const status of [204, 205, 304]) expect(classifyResponse('autodetect', status, 'application/json', true)).toBe('empty');
	});

	it('knows office and archive types as binary', () => {
		expect(isBinaryMediaType('application/vnd.ms-excel')).toBe(true);
		expect(isBinaryMediaType('application/x-7z-compressed')).toBe(true);
		expect(isBinaryMediaType('text/plain')).toBe(false);
	});
});

describe('charset decoding', () => {
	const text = 'Café crème, Zoë';

	it('reads the charset parameter, quoted or not', () => {
		expect(charsetOf('text/plain; charset="ISO-8859-1"')).toBe('iso-8859-1');
		expect(charsetOf('text/plain;charset=utf-16le')).toBe('utf-16le');
		expect(charsetOf('text/plain')).toBeUndefined();
	});

	it.each([
		['iso-8859-1', Buffer.from(text, 'latin1')],
		['utf-16le', Buffer.from(text, 'utf16le')],
		['utf-8', Buffer.from(text, 'utf8')],
		[undefined, Buffer.from(text, 'utf8')],
		['no-such-charset', Buffer.from(text, 'utf8')],
	])('decodes %s', (charset, bytes) => {
		expect(decodeText(bytes, charset)).toBe(text);
	});
});

describe('file names', () => {
	it.each([
		['attachment; filename="report.pdf"', 'report.pdf'],
		['attachment; filename=report.pdf', 'report.pdf'],
		['attachment; filename="a \\"quoted\\" name.txt"', 'a "quoted" name.txt'],
		[`attachment; filename="fallback.pdf"; filename*=UTF-8''%C3%9Cbersicht%20%E5%A0%B1%E5%91%8A.pdf`, 'Übersicht 報告.pdf'],
		[`attachment; filename*=iso-8859-1'de'M%FCller.txt`, 'Müller.txt'],
		['attachment; filename="../../etc/passwd"', 'passwd'],
		['inline', undefined],
		[undefined, undefined],
	])('%s -> %s', (header, name) => {
		expect(fileNameFromContentDisposition(header)).toBe(name);
	});

	it('falls back to the last path segment, decoded', () => {
		expect(fileNameFromPath('files/download/scan%20001.png')).toBe('scan 001.png');
		expect(fileNameFromPath('files/')).toBe('files');
		expect(fileNameFromPath('')).toBeUndefined();
	});
});

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
		expect((await buffer(decodedStream(Readable.from([body]), encoding))).equals(payload)).toBe(true);
	});
});
