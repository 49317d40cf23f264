import { describe, expect, it } from 'vitest';

import {
	connectionAppUrl,
	connectionLabel,
	isUnhealthy,
} from '../../../../nodes/Unified/core/methods/connectionLabel';
import { appBaseUrl } from '../../../../nodes/Unified/core/shared/baseUrl';

describe('connection links and health', () => {
	it("opens the connection in the app of the credential's region", () => {
		expect(connectionAppUrl(appBaseUrl({ apiKey: '', region: 'us' }), 'abc')).toBe(
			'https://app.unified.to/connections/abc',
		);
		expect(connectionAppUrl(appBaseUrl({ apiKey: '', region: 'eu' }), 'abc')).toBe(
			'https://app-eu.unified.to/connections/abc',
		);
		expect(connectionAppUrl(appBaseUrl({ apiKey: '', region: 'au' }), 'a/b')).toBe(
			'https://app-au.unified.to/connections/a%2Fb',
		);
		expect(
			connectionAppUrl(
				appBaseUrl({ apiKey: '', region: 'custom', baseUrl: 'http://127.0.0.1:1' }),
				'abc',
			),
		).toBeUndefined();
	});

	it('is unhealthy only when the last failure is newer than the last success', () => {
		const base = { id: 'x', integration_type: 'hubspot' };
		expect(isUnhealthy({ ...base, last_healthy_at: '2026-01-02T00:00:00Z' })).toBe(false);
		expect(isUnhealthy({ ...base, last_unhealthy_at: '2026-01-02T00:00:00Z' })).toBe(true);
		expect(
			isUnhealthy({
				...base,
				last_healthy_at: '2026-01-03T00:00:00Z',
				last_unhealthy_at: '2026-01-02T00:00:00Z',
			}),
		).toBe(false);
		expect(
			isUnhealthy({
				...base,
				last_healthy_at: '2026-01-01T00:00:00Z',
				last_unhealthy_at: '2026-01-02T00:00:00Z',
			}),
		).toBe(true);
	});

	it('puts integration and xref (else ID) first, then the status; no categories', () => {
		const hubspot = {
			id: '5de520f96e439b002043d8dc',
			integration_type: 'hubspot',
			integration_name: 'HubSpot',
			categories: ['crm', 'martech', 'passthrough'],
		};
		expect(connectionLabel(hubspot)).toBe('HubSpot – 5de520f96e439b002043d8dc');
		expect(connectionLabel({ ...hubspot, external_xref: 'customer-42' })).toBe(
			'HubSpot – customer-42',
		);
		const broken = {
			...hubspot,
			id: 'c1',
			external_xref: 'customer-42',
			is_paused: true,
			last_unhealthy_at: '2026-01-02T00:00:00Z',
		};
		expect(connectionLabel(broken)).toBe('HubSpot – customer-42 [paused] [unhealthy]');
		expect(connectionLabel({ ...broken, is_paused: false, last_unhealthy_code: '401' })).toBe(
			'HubSpot – customer-42 [unhealthy: 401]',
		);
	});
});
