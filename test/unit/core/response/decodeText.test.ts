import { describe, expect, it } from 'vitest';

import { charsetOf } from '../../../../nodes/Unified/core/response/contentType';
import { decodeText } from '../../../../nodes/Unified/core/response/decodeText';

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
