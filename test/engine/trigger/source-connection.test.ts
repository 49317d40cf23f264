import type { INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { useSimulator } from '../../harness/fixture';
import { createPoller } from '../../harness/poll';
import { connectionById } from '../../harness/workflow';

// A Source made for one integration on a connection of another fails naming both, before any passthrough call:
// the upstream's own answer ("Slack returned ok: false: unknown_method") does not say what is wrong.

const fixture = useSimulator();

async function pollWith(parameters: INodeParameters, mode: 'trigger' | 'manual' = 'trigger') {
	fixture.sim.resetStats();
	const trigger = await createPoller({ credentials: fixture.credentials, parameters });
	return await trigger.poll(mode);
}

describe('trigger: Source and connection must agree', () => {
	for (const mode of ['trigger', 'manual'] as const) {
		it(`HubSpot source on a Slack connection: names both and the two ways out, nothing sent to the passthrough (${mode})`, async () => {
			const { error, items } = await pollWith(
				{ connection: connectionById('conn_slack'), source: 'hubspot', hubspotObject: 'contacts' },
				mode,
			);
			expect(items).toBeNull();
			expect(error?.message).toBe(
				'Parameter "source": Source is HubSpot but the connection is Slack (conn_slack, customer-42): pick the Slack source or a HubSpot connection',
			);
			expect(fixture.sim.received).toEqual(['GET /unified/connection/conn_slack']);
		});
	}

	it('a connection picked by xref is checked too', async () => {
		const { error } = await pollWith({
			connection: { __rl: true, mode: 'externalXref', value: 'customer-99' },
			source: 'slack',
			slackChannel: 'C0GENERAL',
		});
		expect(error?.message).toContain(
			'Source is Slack but the connection is Salesforce (conn_salesforce, customer-99): pick the Salesforce source or a Slack connection',
		);
		expect(fixture.passthroughCalls()).toEqual([]);
	});

	it('an integration no preset is made for: points at Custom Endpoint', async () => {
		const { error } = await pollWith({
			connection: connectionById('conn_acme'),
			source: 'salesforce',
			soql: 'SELECT Id, Name FROM Account',
		});
		expect(error?.message).toContain(
			'Source is Salesforce but the connection is Acme Billing (conn_acme, customer-7): pick the Custom Endpoint source or a Salesforce connection',
		);
		expect(fixture.passthroughCalls()).toEqual([]);
	});

	it('a connection Unified does not know fails with its answer, before any passthrough call', async () => {
		const { error } = await pollWith({
			connection: connectionById('conn_gone'),
			source: 'hubspot',
		});
		expect(error?.message).toContain('Unified.to returned 404');
		expect(fixture.passthroughCalls()).toEqual([]);
	});

	it('matching Source and connection poll as before; Custom Endpoint is not looked up', async () => {
		const hubspot = await pollWith({
			connection: connectionById('conn_hubspot'),
			source: 'hubspot',
			options: { firstPoll: 'emitAll' },
		});
		expect(hubspot.error).toBeUndefined();
		expect(fixture.passthroughCalls().length).toBeGreaterThan(0);
		const custom = await pollWith({
			connection: connectionById('conn_slack'),
			source: 'custom',
			method: 'GET',
			path: 'conversations.list',
			recordsPath: 'channels',
			idField: 'id',
			updatedField: 'created',
			pagination: { settings: { mode: 'off' } },
		});
		expect(custom.error?.message ?? '').not.toContain('Source is');
		expect(fixture.sim.received.filter((line) => line.startsWith('GET /unified/'))).toEqual([]);
	});
});
