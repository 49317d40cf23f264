import { describe, expect, it } from 'vitest';

import { jsonOf, useSimulator } from '../harness/fixture';

const fixture = useSimulator();

describe('expressions in every parameter', () => {
	it('connection, method, path, query, headers and body all come from the input item', async () => {
		const result = await fixture.run(
			{
				connection: { __rl: true, mode: 'id', value: '={{ $json.connection }}' },
				method: '={{ $json.method }}',
				path: '={{ "echo/" + $json.segment }}',
				sendQuery: true,
				specifyQuery: 'json',
				jsonQuery: '={{ JSON.stringify({ limit: $json.limit }) }}',
				sendHeaders: true,
				headerParameters: {
					parameters: [{ name: '={{ $json.headerName }}', value: '={{ $json.headerValue }}' }],
				},
				sendBody: true,
				specifyBody: 'keypair',
				bodyParameters: { parameters: [{ name: 'properties.email', value: '={{ $json.email }}' }] },
				options: { timeout: '={{ 5000 + 1 }}' },
			},
			[
				{
					connection: 'conn_acme',
					method: 'PATCH',
					segment: 'contacts',
					limit: 7,
					headerName: 'X-Trace',
					headerValue: 'abc',
					email: 'ann@example.com',
				},
			],
		);
		expect(result.status).toBe('success');
		const [echo] = jsonOf(result.output('Passthrough')) as Array<Record<string, unknown>>;
		expect(echo).toMatchObject({
			method: 'PATCH',
			path: 'echo/contacts',
			query: [['limit', '7']],
			contentType: 'application/json; charset=utf-8',
			bodyText: '{"properties":{"email":"ann@example.com"}}',
		});
		expect((echo.headers as Record<string, string>)['x-trace']).toBe('abc');
		expect((echo.headers as Record<string, string>).authorization).toBeUndefined();
		expect(fixture.passthroughCalls()).toEqual(['PATCH conn_acme/echo/contacts?limit=7']);
	});
});

describe('multiple input items', () => {
	it('each item gets its own request and its outputs, paired and in input order', async () => {
		const ids = ['cus_003', 'cus_001', 'cus_002', 'cus_001'];
		const result = await fixture.run(
			{
				connection: { __rl: true, mode: 'id', value: 'conn_acme' },
				path: '={{ "v2/customers/" + $json.id }}',
			},
			ids.map((id) => ({ id })),
		);
		const items = result.output('Passthrough') ?? [];
		expect(jsonOf(items).map((customer) => (customer as { id: string }).id)).toEqual(ids);
		expect(items.map((item) => (item.pairedItem as { item: number }).item)).toEqual([0, 1, 2, 3]);
		expect(fixture.sim.log).toHaveLength(4);
	});

	it('without continueOnFail, the first failure fails the node and names the item', async () => {
		const result = await fixture.run(
			{
				connection: { __rl: true, mode: 'id', value: 'conn_acme' },
				path: '={{ "v2/customers/" + $json.id }}',
			},
			[{ id: 'cus_001' }, { id: 'cus_404' }],
			{},
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('[item 1]');
		expect(result.error?.message).toContain('No customer cus_404');
		expect(fixture.passthroughCalls().sort()).toEqual([
			'GET conn_acme/v2/customers/cus_001',
			'GET conn_acme/v2/customers/cus_404',
		]);
	});
});
