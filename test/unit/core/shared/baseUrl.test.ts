import { describe, expect, it } from 'vitest';

import { apiBaseUrl } from '../../../../nodes/Unified/core/shared/baseUrl';

describe('apiBaseUrl', () => {
	it('maps regions and trims a custom base URL', () => {
		expect(apiBaseUrl({ apiKey: 'k', region: 'us' })).toBe('https://api.unified.to');
		expect(apiBaseUrl({ apiKey: 'k', region: 'eu' })).toBe('https://api-eu.unified.to');
		expect(apiBaseUrl({ apiKey: 'k', region: 'au' })).toBe('https://api-au.unified.to');
		expect(
			apiBaseUrl({ apiKey: 'k', region: 'custom', baseUrl: ' http://127.0.0.1:4010/proxy/ ' }),
		).toBe('http://127.0.0.1:4010/proxy');
	});

	it.each(['', 'ftp://x', 'http://u:p@x', 'http://x/?a=1', 'not a url'])(
		'rejects custom base URL %j',
		(baseUrl) => {
			expect(() => apiBaseUrl({ apiKey: 'k', region: 'custom', baseUrl })).toThrow();
		},
	);
});
