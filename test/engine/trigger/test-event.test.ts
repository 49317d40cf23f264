import { describe, expect, it } from 'vitest';

import { useSimulator } from '../../harness/fixture';
import { createPoller } from '../../harness/poll';
import { connectionById } from '../../harness/workflow';

// Fetch Test Event on an empty source fails as n8n's own polling triggers do ("No data with the current filter
// could be found"), saying what was read, instead of showing "No trigger output".

const fixture = useSimulator();

describe('trigger: Fetch Test Event with nothing to show', () => {
	it('Custom Endpoint on an empty list: names the request and the records path', async () => {
		fixture.sim.resetStats();
		const trigger = await createPoller({
			credentials: fixture.credentials,
			parameters: {
				connection: connectionById('conn_acme'),
				source: 'custom',
				method: 'GET',
				path: 'v2/changes',
				pagination: { settings: { mode: 'off' } },
				recordsPath: 'data',
				idField: 'id',
				updatedField: 'updated_at',
			},
		});
		const { items, error } = await trigger.poll('manual');
		expect(items).toBeNull();
		expect(error?.message).toBe(
			'No data with the current filter could be found: GET /v2/changes returned no records at "data"',
		);
		expect(error?.description).toContain('Fetch Test Event reads the newest 5 records');
		expect(fixture.passthroughCalls()).toEqual(['GET conn_acme/v2/changes']);

		// An active workflow's poll of the same empty list is not an error: it emits nothing.
		const active = await trigger.poll('trigger');
		expect(active).toEqual({ items: null });
	});

	it('HubSpot with no contacts: names the object and the search it read', async () => {
		fixture.sim.resetStats();
		fixture.sim.faults.add({
			kind: 'reply',
			times: 1,
			reply: {
				status: 200,
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ total: 0, results: [] }),
			},
		});
		const trigger = await createPoller({
			credentials: fixture.credentials,
			parameters: { connection: connectionById('conn_hubspot'), source: 'hubspot' },
		});
		const { error } = await trigger.poll('manual');
		expect(error?.message).toBe(
			'No data with the current filter could be found: HubSpot contacts (POST /crm/v3/objects/contacts/search) returned no records',
		);
	});
});
