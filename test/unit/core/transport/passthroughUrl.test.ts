import { describe, expect, it } from 'vitest';

import { passthroughUrl } from '../../../../nodes/Unified/core/transport/passthroughUrl';

describe('passthroughUrl: the last check, on the URL as undici parses it', () => {
	// Paths that skipped every earlier check (as a bug elsewhere would let them through).
	it.each([
		'%2e%2e/%2e%2e/unified/connection',
		'../../unified/connection',
		'.%2E/x',
		'a/../../../unified',
		'%2E%2e/conn_other/x',
	])('refuses %j', (path) => {
		expect(() => passthroughUrl('http://127.0.0.1:4010', 'conn_acme', { path, query: [] })).toThrow(
			/leave this connection's passthrough|"\." or "\.\."/,
		);
	});

	it('keeps a base URL path prefix in the check', () => {
		const url = passthroughUrl('https://proxy.example/unified-api', 'conn_1', {
			path: 'crm/v3/objects/contacts',
			query: [['limit', '10']],
		});
		expect(url.href).toBe(
			'https://proxy.example/unified-api/passthrough/conn_1/crm/v3/objects/contacts?limit=10',
		);
		expect(() =>
			passthroughUrl('https://proxy.example/unified-api', 'conn_1', {
				path: '%2e%2e/%2e%2e/%2e%2e/x',
				query: [],
			}),
		).toThrow(/leave this connection's passthrough/);
	});

	it('refuses what the URL still holds decoded: an encoded slash with dots', () => {
		expect(() =>
			passthroughUrl('http://h', 'c', { path: 'a%2F..%2F..%2Funified', query: [] }),
		).toThrow(/"\." or "\.\."/);
	});
});
