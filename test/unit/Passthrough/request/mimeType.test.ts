import { describe, expect, it } from 'vitest';

import { safeMimeType } from '../../../../nodes/Unified/Passthrough/request/mimeType';

describe('safeMimeType', () => {
	it.each([
		'application/pdf',
		'text/plain; charset=utf-8',
		'text/plain;charset=UTF-8',
		'text/plain ; charset="utf-8"',
		'multipart/mixed; boundary="a b;c"',
		'text/plain; x="say \\"hi\\""',
		'application/vnd.api+json',
		'Image/PNG',
	])('keeps %j', (mimeType) => {
		expect(safeMimeType(mimeType)).toBe(mimeType);
	});

	it.each([
		'text/plain\r\nX-Injected: 1',
		'text/plain\nX-Injected: 1',
		'text/plain\rX-Injected: 1',
		'text/plain; charset="a\r\nb"',
		'text/plain; charset=a\u0000',
		'text/plain\u0085',
		'text/plain\u2028x',
		'text/plain; charset="unterminated',
		'text/plain; charset="a\\"',
		'text/plain;',
		'text/',
		'/plain',
		'text/plain/x',
		'text /plain',
		'text/plain, text/html',
		'',
		undefined,
	])('replaces %j with application/octet-stream', (mimeType) => {
		expect(safeMimeType(mimeType)).toBe('application/octet-stream');
	});

	it('trims surrounding whitespace, line breaks included', () => {
		expect(safeMimeType(' image/png\r\n')).toBe('image/png');
	});

	it('checks a long hostile value in one pass (no backtracking blow-up)', () => {
		const hostile = `text/plain${'; a="\\\\'.repeat(20_000)}\r`;
		expect(safeMimeType(hostile)).toBe('application/octet-stream');
		expect(safeMimeType(`text/plain${'; a=b'.repeat(20_000)}`)).toMatch(/^text\/plain/);
	});
});
