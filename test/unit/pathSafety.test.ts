import { describe, expect, it } from 'vitest';

import { assertSafePath } from '../../nodes/UnifiedPassthrough/request/pathSafety';
import { isReservedDomainName } from '../../nodes/UnifiedPassthrough/request/reservedDomain';
import { passthroughUrl } from '../../nodes/UnifiedPassthrough/transport/passthroughUrl';

describe('passthroughUrl: the last check, on the URL as undici parses it', () => {
	// Paths that skipped every earlier check (as a bug elsewhere would let them through).
	it.each(['%2e%2e/%2e%2e/unified/connection', '../../unified/connection', '.%2E/x', 'a/../../../unified', '%2E%2e/conn_other/x'])(
		'refuses %j',
		(path) => {
			expect(() => passthroughUrl('http://127.0.0.1:4010', 'conn_acme', { path, query: [] })).toThrow(/leave this connection's passthrough|"\." or "\.\."/);
		},
	);

	it('keeps a base URL path prefix in the check', () => {
		const url = passthroughUrl('https://proxy.example/unified-api', 'conn_1', { path: 'crm/v3/objects/contacts', query: [['limit', '10']] });
		expect(url.href).toBe('https://proxy.example/unified-api/passthrough/conn_1/crm/v3/objects/contacts?limit=10');
		expect(() => passthroughUrl('https://proxy.example/unified-api', 'conn_1', { path: '%2e%2e/%2e%2e/%2e%2e/x', query: [] })).toThrow(
			/leave this connection's passthrough/,
		);
	});

	it('refuses what the URL still holds decoded: an encoded slash with dots', () => {
		expect(() => passthroughUrl('http://h', 'c', { path: 'a%2F..%2F..%2Funified', query: [] })).toThrow(/"\." or "\.\."/);
	});
});

describe('assertSafePath', () => {
	it.each(['a/%FF', 'a/%C0%AF', 'a/%ED%A0%80'])('refuses escapes that are not UTF-8: %j', (path) => {
		expect(() => assertSafePath(path)).toThrow(/not UTF-8/);
	});

	it('refuses more layers of encoding than any server decodes', () => {
		expect(() => assertSafePath('a/%252525252541')).toThrow(/too many times/);
	});

	it.each(['a/b', 'files/100%25', 'files/%25zz', 'v2/a;version=2', 'v2/a..b', 'r%C3%A9sum%C3%A9'])('accepts %j', (path) => {
		expect(() => assertSafePath(path)).not.toThrow();
	});
});

describe('isReservedDomainName', () => {
	it.each(['__domain', '__DOMAIN', ' __Domain ', '__domain[]', '%5F%5Fdomain', '%255F%255FDOMAIN', '_%5Fdomain', '＿＿domain', '__ｄｏｍａｉｎ'])(
		'%j is __domain',
		(name) => {
			expect(isReservedDomainName(name)).toBe(true);
		},
	);

	it.each(['domain', '_domain', 'x__domain', 'my_domain'])('%j is not', (name) => {
		expect(isReservedDomainName(name)).toBe(false);
	});
});
