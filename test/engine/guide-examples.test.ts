import { describe, expect, it } from 'vitest';

import { jsonOf, useSimulator } from '../harness/fixture';
import { connectionById } from '../harness/workflow';

// Every example of Unified's Passthrough guide, through the real engine against the simulator.
const fixture = useSimulator();

describe('Passthrough guide examples', () => {
	it('GET /v2/customers: a JSON array becomes one item per element, each paired to the input', async () => {
		const result = await fixture.run({
			connection: connectionById('conn_acme'),
			method: 'GET',
			path: '/v2/customers',
		});
		expect(result.status).toBe('success');
		const items = result.output('Passthrough') ?? [];
		expect(jsonOf(items).map((customer) => (customer as { id: string }).id)).toEqual([
			'cus_001',
			'cus_002',
			'cus_003',
		]);
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(
			fixture.sim.log.map((entry) => `${entry.method} ${entry.connectionId}/${entry.path}`),
		).toEqual(['GET conn_acme/v2/customers']);
	});

	it('POST /v2/customers with a JSON body and a custom x-api-version header that arrives upstream', async () => {
		const result = await fixture.run({
			connection: connectionById('conn_acme'),
			method: 'POST',
			path: 'v2/customers',
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'x-api-version', value: '2023-06-01' }] },
			sendBody: true,
			contentType: 'json',
			specifyBody: 'json',
			jsonBody: '{"name": "Hedy Lamarr", "email": "hedy@example.com"}',
		});
		expect(result.status).toBe('success');
		expect(jsonOf(result.output('Passthrough'))).toEqual([
			{
				id: expect.stringMatching(/^cus_new_/),
				name: 'Hedy Lamarr',
				email: 'hedy@example.com',
				apiVersion: '2023-06-01',
			},
		]);
		expect(fixture.passthroughCalls()).toEqual(['POST conn_acme/v2/customers']);
	});

	it('HubSpot properties batch read is a POST with {inputs: [{name}]}', async () => {
		const result = await fixture.run({
			connection: connectionById('conn_hubspot'),
			method: 'POST',
			path: '/crm/v3/properties/contacts/batch/read',
			sendBody: true,
			specifyBody: 'json',
			jsonBody: JSON.stringify({
				archived: false,
				inputs: [{ name: 'email' }, { name: 'hs_lead_status' }],
			}),
		});
		expect(result.status).toBe('success');
		const [batch] = jsonOf(result.output('Passthrough')) as Array<{
			status: string;
			results: Array<{ name: string }>;
		}>;
		expect(batch.status).toBe('COMPLETE');
		expect(batch.results.map((property) => property.name)).toEqual(['email', 'hs_lead_status']);
		expect(fixture.passthroughCalls()).toEqual([
			'POST conn_hubspot/crm/v3/properties/contacts/batch/read',
		]);
	});

	it('Slack conversations.create with is_private: true (key/value body, boolean from an expression)', async () => {
		const result = await fixture.run({
			connection: connectionById('conn_slack'),
			method: 'POST',
			path: 'conversations.create',
			sendBody: true,
			specifyBody: 'keypair',
			bodyParameters: {
				parameters: [
					{ name: 'name', value: 'proj-apollo' },
					{ name: 'is_private', value: '={{ true }}' },
				],
			},
		});
		expect(result.status).toBe('success');
		const [created] = jsonOf(result.output('Passthrough')) as Array<{
			ok: boolean;
			channel: { name: string; is_private: boolean };
		}>;
		expect(created.ok).toBe(true);
		expect(created.channel).toMatchObject({ name: 'proj-apollo', is_private: true });
		expect(fixture.passthroughCalls()).toEqual(['POST conn_slack/conversations.create']);
	});

	it('Salesforce Account create (trailing slash kept) returns {id, success, errors}', async () => {
		const result = await fixture.run({
			connection: connectionById('conn_salesforce'),
			method: 'POST',
			path: 'services/data/v62.0/sobjects/Account/',
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '{"Name": "Express Logistics and Transport"}',
		});
		expect(result.status).toBe('success');
		expect(jsonOf(result.output('Passthrough'))).toEqual([
			{ id: expect.stringMatching(/^001/), success: true, errors: [] },
		]);
		expect(fixture.sim.log[0].path).toBe('services/data/v62.0/sobjects/Account/');
	});

	it('fullResponse gives {statusCode, headers, body} with lower-cased headers, Unified timing headers included', async () => {
		const result = await fixture.run({
			connection: connectionById('conn_salesforce'),
			method: 'POST',
			path: 'services/data/v62.0/sobjects/Account/',
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '{"Name": "Acme"}',
			options: { fullResponse: true },
		});
		const [response] = jsonOf(result.output('Passthrough')) as Array<{
			statusCode: number;
			headers: Record<string, string>;
			body: unknown;
		}>;
		expect(response.statusCode).toBe(201);
		expect(response.headers['x-response-time']).toMatch(/ms$/);
		expect(response.headers['sforce-limit-info']).toBe('api-usage=25/15000');
		expect(response.body).toMatchObject({ success: true });
		expect(fixture.passthroughCalls()).toEqual([
			'POST conn_salesforce/services/data/v62.0/sobjects/Account/',
		]);
	});
});
