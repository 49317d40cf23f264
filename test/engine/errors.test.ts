import { describe, expect, it } from 'vitest';

import { jsonOf, useSimulator } from '../harness/fixture';
import { connectionById, passthroughWorkflow } from '../harness/workflow';

const fixture = useSimulator();

function expectNoKey(value: unknown): void {
	expect(JSON.stringify(value)).not.toContain(fixture.sim.apiKey);
}

describe('errors the user sees', () => {
	it('a wrong API key: Unified 401, and the advice names the API key and region', async () => {
		const result = await fixture.runWorkflow(
			passthroughWorkflow([{}], {
				parameters: { connection: connectionById('conn_acme'), path: 'v2/customers' },
			}),
			{ credentials: { apiKey: 'wrong-key-0123456789' } },
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain(
			'Unified.to returned 401 Unauthorized: Invalid or missing API token',
		);
		expect(result.error?.description).toMatch(/API key and the region/);
		expect(result.error?.httpCode).toBe('401');
		expect(JSON.stringify(result.run)).not.toContain('wrong-key-0123456789');
		expect(fixture.sim.received).toEqual(['GET /passthrough/conn_acme/v2/customers']);
	});

	it('an unknown connection: Unified 404, and the advice names the connection id', async () => {
		const result = await fixture.run({
			connection: connectionById('conn_missing'),
			path: 'v2/customers',
		});
		expect(result.error?.message).toContain(
			'Unified.to returned 404 Not Found: Connection conn_missing not found',
		);
		expect(result.error?.description).toContain('no connection "conn_missing"');
	});

	it('HubSpot error bodies give their own message', async () => {
		const result = await fixture.run({
			connection: connectionById('conn_hubspot'),
			method: 'POST',
			path: 'crm/v3/objects/contacts',
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '{"email": "no-properties-wrapper@example.com"}',
		});
		expect(result.error?.message).toContain(
			'Upstream returned 400 Bad Request: Invalid input JSON on line 1: missing "properties"',
		);
		expect(result.error?.httpCode).toBe('400');
		expectNoKey(result.run);
	});

	it('Salesforce error arrays give errorCode and message', async () => {
		const result = await fixture.run({
			connection: connectionById('conn_salesforce'),
			method: 'POST',
			path: 'services/data/v62.0/sobjects/Account/',
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '{"Website": "example.com"}',
		});
		expect(result.error?.message).toContain(
			'REQUIRED_FIELD_MISSING: Required fields are missing: [Name]',
		);
	});

	it('an expired upstream session: 401 from the upstream, advice says re-authorize the connection', async () => {
		const result = await fixture.run({
			connection: connectionById('conn_salesforce_expired'),
			path: 'services/data/v62.0/query?q=SELECT Id FROM Account',
		});
		expect(result.error?.message).toContain(
			'Upstream returned 401 Unauthorized: INVALID_SESSION_ID: Session expired or invalid',
		);
		expect(result.error?.description).toMatch(/Re-authorize it in Unified.to/);
	});

	it("Slack ok:false on HTTP 200 is an error with Slack's code", async () => {
		const result = await fixture.run({
			connection: connectionById('conn_slack'),
			method: 'POST',
			path: 'conversations.create',
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '{"name": "general"}',
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('name_taken');
		expect(fixture.passthroughCalls()).toEqual(['POST conn_slack/conversations.create']);
	});

	it('continueOnFail: each failing item becomes {error, statusCode, body}, paired, in input order', async () => {
		const result = await fixture.run(
			{
				connection: connectionById('={{ $json.connection }}'),
				method: 'POST',
				path: 'services/data/v62.0/sobjects/Account/',
				sendBody: true,
				specifyBody: 'json',
				jsonBody: '={{ JSON.stringify({ Name: $json.name }) }}',
			},
			[
				{ connection: 'conn_salesforce', name: 'First' },
				{ connection: 'conn_salesforce', name: '' },
				{ connection: 'conn_nope', name: 'Third' },
				{ connection: 'conn_salesforce', name: 'Fourth' },
			],
			{ onError: 'continueRegularOutput' },
		);
		expect(result.status).toBe('success');
		const items = result.output('Passthrough') ?? [];
		expect(items.map((item) => (item.pairedItem as { item: number }).item)).toEqual([0, 1, 2, 3]);
		const [first, second, third, fourth] = jsonOf(items) as Array<Record<string, unknown>>;
		expect(first).toMatchObject({ success: true });
		expect(second).toMatchObject({
			statusCode: 400,
			body: [
				{
					errorCode: 'REQUIRED_FIELD_MISSING',
					message: 'Required fields are missing: [Name]',
					fields: ['Name'],
				},
			],
		});
		expect(second.error).toContain('REQUIRED_FIELD_MISSING');
		expect(third).toMatchObject({ statusCode: 404 });
		expect(fourth).toMatchObject({ success: true });
		expectNoKey(result.run);
		expect([...fixture.sim.received].sort()).toEqual([
			'POST /passthrough/conn_nope/services/data/v62.0/sobjects/Account/',
			...Array(3).fill('POST /passthrough/conn_salesforce/services/data/v62.0/sobjects/Account/'),
		]);
	});

	it('neverError outputs a non-2xx response instead of failing', async () => {
		const result = await fixture.run({
			connection: connectionById('conn_acme'),
			path: 'v2/customers/cus_999',
			options: { neverError: true, fullResponse: true },
		});
		expect(result.status).toBe('success');
		expect(jsonOf(result.output('Passthrough'))).toEqual([
			expect.objectContaining({
				statusCode: 404,
				body: { error: { code: 'not_found', message: 'No customer cus_999' } },
			}),
		]);
		expect(fixture.passthroughCalls()).toEqual(['GET conn_acme/v2/customers/cus_999']);
	});

	it('a 204 gives one empty item', async () => {
		const result = await fixture.run({
			connection: connectionById('conn_acme'),
			method: 'DELETE',
			path: 'v2/customers/cus_001',
		});
		expect(jsonOf(result.output('Passthrough'))).toEqual([{}]);
		expect(fixture.passthroughCalls()).toEqual(['DELETE conn_acme/v2/customers/cus_001']);
	});
});
