import { describe, expect, it } from 'vitest';

import {
	classifyResponse,
	isBinaryMediaType,
} from '../../../../nodes/Unified/core/response/contentType';

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
		for (const status of [204, 205, 304])
			expect(classifyResponse('autodetect', status, 'application/json', true)).toBe('empty');
	});

	it('knows office and archive types as binary', () => {
		expect(isBinaryMediaType('application/vnd.ms-excel')).toBe(true);
		expect(isBinaryMediaType('application/x-7z-compressed')).toBe(true);
		expect(isBinaryMediaType('text/plain')).toBe(false);
	});
});
