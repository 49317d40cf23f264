import { describe, expect, it } from 'vitest';

import {
	fileNameFromContentDisposition,
	fileNameFromPath,
	headerTextAsUtf8,
	sanitizeFileName,
} from '../../../../nodes/Unified/core/response/fileName';

describe('file names', () => {
	const utf8AsHeader = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

	it.each([
		['attachment; filename="report.pdf"', 'report.pdf'],
		['attachment; filename=report.pdf', 'report.pdf'],
		['attachment;filename=report.pdf', 'report.pdf'],
		['ATTACHMENT; FILENAME="REPORT.PDF"', 'REPORT.PDF'],
		['filename="bare.pdf"', 'bare.pdf'],
		['attachment; filename="a \\"quoted\\" name.txt"', 'a "quoted" name.txt'],
		['attachment; filename="a;b=c.pdf"', 'a;b=c.pdf'],
		[
			`attachment; filename="fallback.pdf"; filename*=UTF-8''%C3%9Cbersicht%20%E5%A0%B1%E5%91%8A.pdf`,
			'Übersicht 報告.pdf',
		],
		[`attachment; filename*="UTF-8''quoted%20ext.pdf"`, 'quoted ext.pdf'],
		[`attachment; filename*=iso-8859-1'de'M%FCller.txt`, 'Müller.txt'],
		// Other parameters that merely contain the word, or quote it, do not count.
		['attachment; name="filename=evil.exe"; filename="ok.pdf"', 'ok.pdf'],
		['attachment; original_filename="evil.exe"; filename="ok.pdf"', 'ok.pdf'],
		['inline', undefined],
		[undefined, undefined],
	])('%s -> %s', (header, name) => {
		expect(fileNameFromContentDisposition(header)).toBe(name);
	});

	it.each([
		// Raw UTF-8 in filename= (undici hands header bytes over as latin1 characters).
		[`attachment; filename="${utf8AsHeader('Übersicht.pdf')}"`, 'Übersicht.pdf'],
		[`attachment; filename=${utf8AsHeader('報告 2026.pdf')}`, '報告 2026.pdf'],
		// Not valid UTF-8: latin1 it was.
		['attachment; filename="M\u00fcller.txt"', 'Müller.txt'],
		[`attachment; filename="${utf8AsHeader('invoice\u202efdp.exe')}"`, 'invoicefdp.exe'],
		['attachment; filename="a\u0085b\u009b.txt"', 'ab.txt'],
	])('raw bytes: %j -> %s', (header, name) => {
		expect(fileNameFromContentDisposition(header)).toBe(name);
	});

	it.each([
		...[
			'202a',
			'202b',
			'202c',
			'202d',
			'202e',
			'2066',
			'2067',
			'2068',
			'2069',
			'200e',
			'200f',
			'061c',
			'2028',
			'2029',
			'200b',
			'2060',
			'feff',
		].map((code) => [
			encodeURIComponent(`invoice${String.fromCharCode(parseInt(code, 16))}fdp.exe`),
			'invoicefdp.exe',
		]),
		['a%0D%0AX-Injected%3A%201.txt', 'aX-Injected: 1.txt'],
		['a%00b%09c%1B%5B31m%7F.txt', 'abc[31m.txt'],
		['a%C2%85b%C2%9F.txt', 'ab.txt'],
		['..%2F..%2Fetc%2Fpasswd', 'passwd'],
		['..%5C..%5Cwindows%5Cwin.ini', 'win.ini'],
		['a%EF%BC%8Fb%EF%BC%BCc.txt', 'c.txt'],
		['x%EF%B9%A8y.txt', 'y.txt'],
		['1%E2%81%842%E2%88%95x.txt', '1_2_x.txt'],
		['%C2%BD.pdf', '1_2.pdf'],
		['%E2%84%80.txt', 'c.txt'],
		['%EF%BC%A9nvoice.pdf', 'Invoice.pdf'],
	])("filename*=UTF-8''%s -> %s", (encoded, name) => {
		expect(fileNameFromContentDisposition(`attachment; filename*=UTF-8''${encoded}`)).toBe(name);
	});

	it.each([
		'.',
		'..',
		'...',
		' .. ',
		'. .',
		'dir/..',
		'dir\\..',
		'..\u202e',
		'\u202e..',
		'\u0000',
		'\u200f',
		'   ',
		'/',
		'．．',
		'\u2025',
		'\u2026',
		'a／．．',
	])('never gives %j as a name', (name) => {
		expect(sanitizeFileName(name)).toBeUndefined();
		expect(
			fileNameFromContentDisposition(`attachment; filename*=UTF-8''${encodeURIComponent(name)}`),
		).toBeUndefined();
	});

	it('falls back to filename when filename* is unusable, and to nothing when both are', () => {
		expect(
			fileNameFromContentDisposition(`attachment; filename="ok.pdf"; filename*=UTF-8''..`),
		).toBe('ok.pdf');
		expect(
			fileNameFromContentDisposition(`attachment; filename="ok.pdf"; filename*=UTF-8''%C0%AF%ZZ`),
		).toBe('ok.pdf');
		expect(
			fileNameFromContentDisposition(`attachment; filename=".."; filename*=UTF-8''.`),
		).toBeUndefined();
	});

	it('never keeps a control character, bidi control or path separator, whatever the code point', () => {
		const forbidden = /[\p{Cc}\p{Bidi_Control}\p{Zl}\p{Zp}/\\]/u;
		for (let code = 0; code <= 0x3000; code++) {
			const name = sanitizeFileName(`a${String.fromCharCode(code)}b.txt`);
			if (name !== undefined && forbidden.test(name))
				throw new Error(`U+${code.toString(16)} gave ${JSON.stringify(name)}`);
		}
	});

	it('headerTextAsUtf8 reads valid UTF-8 bytes as UTF-8 and leaves everything else alone', () => {
		expect(headerTextAsUtf8(utf8AsHeader('Grüße'))).toBe('Grüße');
		expect(headerTextAsUtf8('Gr\u00fc\u00dfe')).toBe('Grüße');
		expect(headerTextAsUtf8('plain ascii')).toBe('plain ascii');
		expect(headerTextAsUtf8('already \u20ac')).toBe('already €');
	});

	it('falls back to the last path segment, decoded and cleaned', () => {
		expect(fileNameFromPath('files/download/scan%20001.png')).toBe('scan 001.png');
		expect(fileNameFromPath('files/')).toBe('files');
		expect(fileNameFromPath('files/a%2Fb.txt')).toBe('b.txt');
		expect(fileNameFromPath('files/%E2%80%AEfdp.exe')).toBe('fdp.exe');
		expect(fileNameFromPath('files/%2E%2E')).toBeUndefined();
		expect(fileNameFromPath('files/%E0%A4%A.txt')).toBe('%E0%A4%A.txt');
		expect(fileNameFromPath('')).toBeUndefined();
	});
});
