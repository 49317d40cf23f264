import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { describe, expect, it } from 'vitest';

import { errorCode } from '../../../../nodes/Unified/core/errors/errorCode';
import { networkFailure, wasNeverSent } from '../../../../nodes/Unified/core/errors/networkFailure';

const context = {
	connectionId: 'conn_acme',
	path: 'v2/customers',
	headersTimeoutMs: 300_000,
	bodyTimeoutMs: 60_000,
};
const codeError = (code: string) => Object.assign(new Error(`raw ${code} sk_secret_key`), { code });

/** Every UND_ERR_* code the installed undici can raise, read from its source. */
function undiciCodes(): string[] {
	const require = createRequire(__filename);
	const source = readFileSync(require.resolve('undici/lib/core/errors.js'), 'utf8');
	return [...source.matchAll(/this\.code = '([A-Z_]+)'/g)].map((match) => match[1]);
}

const SOCKET_CODES = [
	'ECONNREFUSED',
	'ECONNRESET',
	'ECONNABORTED',
	'EPIPE',
	'ETIMEDOUT',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENETDOWN',
	'EADDRNOTAVAIL',
	'ERR_STREAM_PREMATURE_CLOSE',
	'Z_DATA_ERROR',
	'Z_BUF_ERROR',
	'CERT_HAS_EXPIRED',
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'ERR_TLS_CERT_ALTNAME_INVALID',
	'ERR_SSL_WRONG_VERSION_NUMBER',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'EPROTO',
];

describe('networkFailure', () => {
	it('has a specific message for every undici error code', () => {
		const codes = undiciCodes();
		expect(codes.length).toBeGreaterThan(15);
		for (const code of codes) {
			const failure = networkFailure(codeError(code), context);
			expect(failure?.message, code).toBeTruthy();
			expect(failure?.details.code).toBe(code);
		}
	});

	it('has a specific message for common socket, TLS and decoding errors', () => {
		for (const code of SOCKET_CODES) {
			expect(networkFailure(codeError(code), context)?.message, code).toBeTruthy();
		}
	});

	it('names the connection and path, never the raw error text', () => {
		for (const code of [...undiciCodes(), ...SOCKET_CODES]) {
			const failure = networkFailure(codeError(code), context);
			expect(failure?.message).toContain('connection conn_acme');
			expect(failure?.message).toContain('path v2/customers');
			expect(`${failure?.message} ${failure?.details.description}`).not.toContain('sk_secret_key');
		}
	});

	it('says which timeout ran out, with its length', () => {
		expect(networkFailure(codeError('UND_ERR_HEADERS_TIMEOUT'), context)?.message).toMatch(
			/^No response within 300 s/,
		);
		expect(networkFailure(codeError('UND_ERR_BODY_TIMEOUT'), context)?.message).toMatch(
			/no data for 60 s/,
		);
	});

	it('says that oversized response headers are not retried, with the limit', () => {
		const failure = networkFailure(codeError('UND_ERR_HEADERS_OVERFLOW'), context);
		expect(failure?.message).toMatch(
			/^The response headers were larger than the \d+ KiB the HTTP client accepts/,
		);
		expect(failure?.details.description).toContain('Not retried');
	});

	it('is not a network failure when no code in the chain comes from the network or the HTTP client', () => {
		for (const error of [
			codeError('ENOSPC'),
			codeError('ERR_STRING_TOO_LONG'),
			codeError('ESOMETHINGNEW'),
			new Error('plain'),
			new RangeError('Invalid string length'),
			new Error('wrapper', { cause: codeError('EACCES') }),
		]) {
			expect(networkFailure(error, context), error.message).toBeUndefined();
		}
	});

	it('finds a network code on a cause', () => {
		expect(
			networkFailure(new TypeError('fetch failed', { cause: codeError('ECONNRESET') }), context)
				?.details.code,
		).toBe('ECONNRESET');
	});
});

describe('errorCode / wasNeverSent', () => {
	it('finds the code on the error or its causes', () => {
		expect(errorCode(new TypeError('fetch failed', { cause: codeError('ECONNRESET') }))).toBe(
			'ECONNRESET',
		);
		expect(errorCode(Object.assign(new Error('x'), { name: 'AbortError' }))).toBe('ABORT_ERR');
		expect(errorCode(new Error('plain'))).toBeUndefined();
	});

	it('counts only errors before the request was written as never sent', () => {
		expect(wasNeverSent(codeError('ECONNREFUSED'))).toBe(true);
		expect(wasNeverSent(codeError('UND_ERR_CONNECT_TIMEOUT'))).toBe(true);
		expect(wasNeverSent(codeError('ENOTFOUND'))).toBe(true);
		expect(wasNeverSent(codeError('ECONNRESET'))).toBe(false);
		expect(wasNeverSent(codeError('UND_ERR_HEADERS_TIMEOUT'))).toBe(false);
		expect(wasNeverSent(codeError('UND_ERR_SOCKET'))).toBe(false);
	});
});
