import type { INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { useSimulator } from '../harness/fixture';

const fixture = useSimulator();

const byXref = (value: string) => ({ __rl: true, mode: 'externalXref', value });

const get = (
	connection: INodeParameters[string],
	path: string,
	options: INodeParameters = {},
): INodeParameters => ({ connection, method: 'GET', path, options });

describe('connection by external xref', () => {
	it('resolves one match and calls that connection', async () => {
		const result = await fixture.run(get(byXref('customer-99'), 'services/data/v62.0/query'));
		// Salesforce answers a query without q with its MALFORMED_QUERY error: enough to see which connection was used.
		expect(result.status).toBe('error');
		expect(fixture.sim.log.at(-1)?.connectionId).toBe('conn_salesforce');
	});

	it('resolves per item from an expression and keeps output order', async () => {
		const result = await fixture.run(get(byXref('={{ $json.tenant }}'), '/v2/customers'), [
			{ tenant: 'customer-7' },
			{ tenant: 'customer-7' },
		]);
		expect(result.status).toBe('success');
		expect(fixture.sim.log.map((entry) => entry.connectionId)).toEqual(['conn_acme', 'conn_acme']);
		expect(result.output('Passthrough')!.every((item) => item.pairedItem !== undefined)).toBe(true);
	});

	it('fails with a clear error when no connection has the xref, before any passthrough call', async () => {
		const result = await fixture.run(get(byXref('customer-404'), '/v2/customers'));
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain(
			'No Unified.to connection has the external xref "customer-404"',
		);
		expect(fixture.sim.log).toHaveLength(0);
	});

	it('fails when several connections share the xref, naming them and how to choose', async () => {
		const result = await fixture.run(get(byXref('customer-42'), 'chat.postMessage'));
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('matches 2 connections');
		expect(result.error?.message).toContain('conn_hubspot (HubSpot: crm, martech)');
		expect(result.error?.message).toContain('conn_slack (Slack: messaging)');
		expect(result.error?.message).toContain('"Connection Category" option');
		expect(fixture.sim.lookups).toEqual([expect.stringContaining('external_xref=customer-42')]);
		expect(fixture.sim.log).toEqual([]);
	});

	it('narrows several matches by category', async () => {
		const messaging = await fixture.run(
			get(byXref('customer-42'), 'conversations.list', { connectionCategory: 'messaging' }),
		);
		expect(messaging.status).toBe('success');
		expect(messaging.output('Passthrough')![0].json.ok).toBe(true);
		const crm = await fixture.run(
			get(byXref('customer-42'), 'crm/v3/objects/contacts', { connectionCategory: 'crm' }),
		);
		expect(crm.status).toBe('success');
		expect(fixture.sim.log.map((entry) => entry.connectionId)).toEqual([
			'conn_slack',
			'conn_hubspot',
		]);
		const none = await fixture.run(
			get(byXref('customer-42'), 'x', { connectionCategory: 'storage' }),
		);
		expect(none.error?.message).toContain('"customer-42" in category "storage"');
	});

	it('gives the error as an item with continueOnFail', async () => {
		const result = await fixture.run(get(byXref('customer-404'), '/v2/customers'), [{}], {
			onError: 'continueRegularOutput',
		});
		expect(result.status).toBe('success');
		expect(String(result.output('Passthrough')![0].json.error)).toContain('customer-404');
		expect(fixture.sim.lookups).toEqual([expect.stringContaining('external_xref=customer-404')]);
		expect(fixture.sim.log).toEqual([]);
	});
});
