import { describe, expect, it } from 'vitest';

import { useSimulator } from '../harness/fixture';
import { NODE_TYPE } from '../harness/engine';
import { connectionById } from '../harness/workflow';

const fixture = useSimulator({ hubspotContacts: 30 });

/** Node settings that make it an AI Agent's tool: n8n gives the tool variant the type "<type>Tool". */
const asTool = { type: `${NODE_TYPE}Tool` };

describe('as an AI Agent tool', () => {
	it("returns the upstream's error body instead of failing, so the agent can correct the call", async () => {
		const result = await fixture.run(
			{
				connection: connectionById('conn_salesforce'),
				method: 'POST',
				path: 'services/data/v62.0/sobjects/Account/',
				sendBody: true,
				specifyBody: 'json',
				jsonBody: '{"Website": "https://example.com"}',
			},
			[{}],
			asTool,
		);
		expect(result.status).toBe('success');
		const [item] = result.output('Passthrough')!;
		expect(item.json.statusCode).toBe(400);
		expect(item.json.body).toEqual([
			{
				message: 'Required fields are missing: [Name]',
				errorCode: 'REQUIRED_FIELD_MISSING',
				fields: ['Name'],
			},
		]);
		expect(String(item.json.error)).toContain('Required fields are missing');
		expect(JSON.stringify(item)).not.toContain(fixture.sim.apiKey);
		expect(fixture.passthroughCalls()).toEqual([
			'POST conn_salesforce/services/data/v62.0/sobjects/Account/',
		]);
	});

	it('still fails the run in a normal workflow', async () => {
		const result = await fixture.run({
			connection: connectionById('conn_salesforce'),
			method: 'POST',
			path: 'services/data/v62.0/sobjects/Account/',
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '{}',
		});
		expect(result.status).toBe('error');
		expect(fixture.passthroughCalls()).toEqual([
			'POST conn_salesforce/services/data/v62.0/sobjects/Account/',
		]);
	});

	it('trims a large JSON response to the records and fields the model needs', async () => {
		const parameters = {
			connection: connectionById('conn_hubspot'),
			method: 'GET',
			path: 'crm/v3/objects/contacts',
			sendQuery: true,
			specifyQuery: 'keypair',
			queryParameters: { parameters: [{ name: 'limit', value: '25' }] },
			options: {
				optimizeResponse: {
					settings: { recordsPath: 'results', fields: 'id, properties.email', maxRecords: 10 },
				},
			},
		};
		const result = await fixture.run(parameters, [{}], asTool);
		expect(result.status).toBe('success');
		const items = result.output('Passthrough')!;
		expect(items).toHaveLength(10);
		expect(items[0].json).toEqual({ id: '101', properties: { email: 'ann.101@example.com' } });
		expect(items.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);

		// The option only exists for tools: the same parameters in a normal workflow give the whole page.
		const normal = await fixture.run(parameters);
		const [page] = normal.output('Passthrough')!;
		expect((page.json.results as unknown[]).length).toBe(25);
		expect(fixture.passthroughCalls()).toEqual([
			'GET conn_hubspot/crm/v3/objects/contacts?limit=25',
			'GET conn_hubspot/crm/v3/objects/contacts?limit=25',
		]);
	});

	it('says so when the records path finds nothing', async () => {
		const result = await fixture.run(
			{
				connection: connectionById('conn_hubspot'),
				method: 'GET',
				path: 'crm/v3/objects/contacts',
				options: { optimizeResponse: { settings: { recordsPath: 'items' } } },
			},
			[{}],
			asTool,
		);
		expect(result.output('Passthrough')![0].json).toEqual({
			note: 'No records at "items" in the response',
		});
	});
});
