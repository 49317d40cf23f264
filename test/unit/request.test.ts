import { describe, expect, it } from 'vitest';

import { buildHeaders } from '../../nodes/UnifiedPassthrough/request/headers';
import { splitAndEncodePath } from '../../nodes/UnifiedPassthrough/request/path';
import { assertNoReservedDomain, encodeQuery, flattenQuery } from '../../nodes/UnifiedPassthrough/request/query';
import { buildJsonBody, type BodyParameters } from '../../nodes/UnifiedPassthrough/request/body';
import { apiBaseUrl } from '../../nodes/UnifiedPassthrough/shared/baseUrl';
import { redactHeaders } from '../../nodes/UnifiedPassthrough/shared/redact';
import { resolveItemOptions } from '../../nodes/UnifiedPassthrough/execute/options';

describe('splitAndEncodePath', () => {
	it.each([
		['/crm/v3/objects/contacts', 'crm/v3/objects/contacts'],
		['crm/v3/objects/contacts', 'crm/v3/objects/contacts'],
		['services/data/v62.0/sobjects/Account/', 'services/data/v62.0/sobjects/Account/'],
		['conversations.create', 'conversations.create'],
		['files/Q3 report (final).pdf', 'files/Q3%20report%20(final).pdf'],
		['files/100%', 'files/100%25'],
		['files/a%2Fb', 'files/a%2Fb'],
		['v1/things:batchGet', 'v1/things:batchGet'],
		['users/ü', 'users/%C3%BC'],
	])('%s -> %s', (input, expected) => {
		expect(splitAndEncodePath(input).path).toBe(expected);
	});

	it('splits the ?query part into decoded pairs', () => {
		expect(splitAndEncodePath('query?q=SELECT+Id+FROM+Account&x=%26').query).toEqual([
			['q', 'SELECT Id FROM Account'],
			['x', '&'],
		]);
	});

	it.each(['http://x', 'HTTPS://x/y', '//x', '../x', 'a/../b', 'a/%2E%2e', 'a/%252E%252E/b', '.', 'a\\b', 'a%5Cb', 'a\u0000b', 'a%00b', 'a#b', '%2F%2Fevil', '%2Fhttp:%2F%2Fevil', 'crm%3F__domain%3Devil.example', 'a%23b'])(
		'rejects %j',
		(input) => {
			expect(() => splitAndEncodePath(input)).toThrow();
		},
	);

	it('rejects a non-string', () => {
		expect(() => splitAndEncodePath(42)).toThrow(/must be a string/);
	});
});

describe('query', () => {
	it('flattens arrays per format', () => {
		const entries: Array<[string, unknown]> = [['tag', ['a', 'b']], ['limit', 5], ['skip', null]];
		expect(flattenQuery(entries, 'repeat')).toEqual([['tag', 'a'], ['tag', 'b'], ['limit', '5']]);
		expect(flattenQuery(entries, 'brackets')).toEqual([['tag[]', 'a'], ['tag[]', 'b'], ['limit', '5']]);
		expect(flattenQuery(entries, 'indices')).toEqual([['tag[0]', 'a'], ['tag[1]', 'b'], ['limit', '5']]);
		expect(flattenQuery(entries, 'comma')).toEqual([['tag', 'a,b'], ['limit', '5']]);
	});

	it('encodes every key and value', () => {
		expect(encodeQuery([['a b', 'c&d=e'], ['cursor', 'dGVhbTpDMDYxRkE1UEI=']])).toBe('a%20b=c%26d%3De&cursor=dGVhbTpDMDYxRkE1UEI%3D');
	});

	it.each(['__domain', '__DOMAIN', ' __domain', '__domain[]'])('guards %j', (name) => {
		expect(() => assertNoReservedDomain([[name, 'x']], 'queryParameters')).toThrow(/reserved/);
	});
});

describe('buildHeaders', () => {
	it('lower-cases names and stringifies values', () => {
		expect(buildHeaders([['X-Api-Version', '2023-06-01'], ['X-Count', 3]], 'headerParameters')).toEqual({
			'x-api-version': '2023-06-01',
			'x-count': '3',
		});
	});

	it.each([
		[['Authorization', 'Bearer x']],
		[['host', 'evil']],
		[['bad name', 'x']],
		[['x-a', 'line\nbreak']],
		[['x-a', 'nul\u0000']],
	])('rejects %j', (entry) => {
		expect(() => buildHeaders([entry as [string, unknown]], 'headerParameters')).toThrow();
	});
});

describe('buildJsonBody', () => {
	const parameters = (overrides: Partial<BodyParameters>): BodyParameters => ({
		contentType: 'json',
		specifyBody: 'keypair',
		bodyParameters: [],
		jsonBody: '',
		rawContentType: '',
		body: '',
		...overrides,
	});

	it('nests dotted key/value names and refuses prototype keys', async () => {
		const body = buildJsonBody(parameters({ bodyParameters: [{ name: 'properties.email', value: 'a@x' }, { name: 'archived', value: false }] }));
		expect(await body.open()).toBe('{"properties":{"email":"a@x"},"archived":false}');
		expect(() => buildJsonBody(parameters({ bodyParameters: [{ name: '__proto__.polluted', value: 1 }] }))).toThrow(/"__proto__.polluted"/);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('accepts a JSON string or an object from an expression', async () => {
		expect(await buildJsonBody(parameters({ specifyBody: 'json', jsonBody: '{"a":1}' })).open()).toBe('{"a":1}');
		expect(await buildJsonBody(parameters({ specifyBody: 'json', jsonBody: { a: [1] } })).open()).toBe('{"a":[1]}');
		expect(() => buildJsonBody(parameters({ specifyBody: 'json', jsonBody: '{a:1}' }))).toThrow(/jsonBody/);
	});
});

describe('apiBaseUrl', () => {
	it('maps regions and trims a custom base URL', () => {
		expect(apiBaseUrl({ apiKey: 'k', region: 'us' })).toBe('https://api.unified.to');
		expect(apiBaseUrl({ apiKey: 'k', region: 'eu' })).toBe('https://api-eu.unified.to');
		expect(apiBaseUrl({ apiKey: 'k', region: 'au' })).toBe('https://api-au.unified.to');
		expect(apiBaseUrl({ apiKey: 'k', region: 'custom', baseUrl: ' http://127.0.0.1:4010/proxy/ ' })).toBe('http://127.0.0.1:4010/proxy');
	});

	it.each(['', 'ftp://x', 'http://u:p@x', 'http://x/?a=1', 'not a url'])('rejects custom base URL %j', (baseUrl) => {
		expect(() => apiBaseUrl({ apiKey: 'k', region: 'custom', baseUrl })).toThrow();
	});
});

describe('resolveItemOptions', () => {
	it('falls back to the defaults when retry numbers are not numbers (so retries cannot become endless)', () => {
		const options = resolveItemOptions({ retry: { settings: { maxRetries: 'three' as unknown as number, maxWaitMs: Number.NaN } } });
		expect(options.retry.maxRetries).toBe(3);
		expect(options.retry.maxWaitMs).toBe(60000);
	});
});

describe('redactHeaders', () => {
	it('redacts the key from header values and keeps the object when nothing matches', () => {
		const clean = { 'x-a': '1' };
		expect(redactHeaders(clean, 'secret-key')).toBe(clean);
		expect(redactHeaders({ 'x-echo': 'Bearer secret-key', 'set-cookie': ['a=secret-key'] }, 'secret-key')).toEqual({
			'x-echo': 'Bearer **hidden**',
			'set-cookie': ['a=**hidden**'],
		});
	});
});
