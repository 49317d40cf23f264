import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSimulator, type Simulator } from './index';

// POST /_sim/feed/:collection: a record changed from another process reaches the search a polling trigger reads.
let sim: Simulator;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => sim.close());

async function call(method: string, path: string, body?: unknown) {
	const response = await fetch(`${sim.baseUrl}${path}`, {
		method,
		headers: { authorization: `Bearer ${sim.apiKey}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const changedSince = (since: number) =>
	call('POST', '/passthrough/conn_hubspot/crm/v3/objects/contacts/search', {
		filterGroups: [
			{ filters: [{ propertyName: 'lastmodifieddate', operator: 'GTE', value: since }] },
		],
		properties: ['firstname'],
	});

describe('the feed control endpoint', () => {
	it('changes a HubSpot contact (stamped now) and adds a new one; the search shows both', async () => {
		const before = Date.now();
		const changed = await call('POST', '/_sim/feed/hubspot:contacts', {
			id: '103',
			fields: { firstname: 'Changed' },
		});
		expect(changed).toMatchObject({ status: 200, body: { id: '103' } });
		expect(changed.body.updatedAt).toBeGreaterThanOrEqual(before);
		const added = await call('POST', '/_sim/feed/hubspot%3Acontacts', {
			id: 'e2e-1',
			fields: { firstname: 'New' },
		});
		expect(added).toMatchObject({ status: 200, body: { id: 'e2e-1' } });
		const search = await changedSince(before);
		const results = search.body.results as Array<{ id: string; properties: { firstname: string } }>;
		expect(results.map((record) => [record.id, record.properties.firstname])).toEqual([
			['103', 'Changed'],
			['e2e-1', 'New'],
		]);
		expect(await call('GET', '/_sim/log/conn_hubspot')).toEqual({
			status: 200,
			body: { requests: 1 },
		});
	});

	it('answers an unknown collection or malformed fields with a 400 that says why', async () => {
		expect(await call('POST', '/_sim/feed/hubspot:nope', {})).toMatchObject({
			status: 400,
			body: { message: 'the feed has no collection hubspot:nope' },
		});
		expect(await call('POST', '/_sim/feed/hubspot:contacts', { fields: [] })).toMatchObject({
			status: 400,
			body: { message: 'fields must be an object' },
		});
		expect(await call('POST', '/_sim/feed/hubspot:contacts', { id: 7 })).toMatchObject({
			status: 400,
			body: { message: 'id must be a string' },
		});
	});
});
