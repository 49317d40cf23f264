import type { INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { useSimulator } from '../../harness/fixture';
import { createPoller } from '../../harness/poll';
import { connectionById } from '../../harness/workflow';

// The trigger builds its own paths from its fields (object, API version, channel): hostile values must fail the
// poll, naming the field, before anything is sent, or stay inside the connection's passthrough.

const fixture = useSimulator();

async function pollWith(parameters: INodeParameters) {
	fixture.sim.resetStats();
	const trigger = await createPoller({ credentials: fixture.credentials, parameters });
	return (await trigger.poll()).error;
}

describe('trigger: hostile source fields', () => {
	const hubspotObjects = [
		'../../unified/connection',
		'contacts/../../unified/connection',
		'%2e%2e/%2e%2e/unified/connection',
		'contacts;__domain=evil.example',
		'contacts?__domain=evil.example',
		'．．/．．/unified',
	];
	for (const hubspotObject of hubspotObjects) {
		it(`refuses HubSpot object ${JSON.stringify(hubspotObject)} before sending anything`, async () => {
			const error = await pollWith({
				connection: connectionById('conn_hubspot'),
				source: 'hubspot',
				hubspotObject,
			});
			expect(error?.message).toMatch(/hubspotObject|HubSpot object/);
			expect(fixture.sim.received).toEqual([]);
		});
	}

	const apiVersions = ['../../unified', 'v62.0/../../../unified', '%2e%2e', 'v62.0;__domain=x'];
	for (const salesforceApiVersion of apiVersions) {
		it(`refuses Salesforce API version ${JSON.stringify(salesforceApiVersion)} before sending anything`, async () => {
			const error = await pollWith({
				connection: connectionById('conn_salesforce'),
				source: 'salesforce',
				soql: 'SELECT Id, Name FROM Account',
				salesforceApiVersion,
			});
			expect(error?.message).toMatch(/salesforceApiVersion.*is not a Salesforce API version/);
			expect(fixture.sim.received).toEqual([]);
		});
	}

	it('sends a hostile Slack channel only as a query value, inside the passthrough', async () => {
		const error = await pollWith({
			connection: connectionById('conn_slack'),
			source: 'slack',
			slackChannel: '../../unified/connection;__domain=evil.example',
		});
		if (error) expect(fixture.sim.received).toEqual([]);
		else expect(fixture.sim.received.length).toBeGreaterThan(0);
		for (const line of fixture.sim.received)
			expect(line).toMatch(/^GET \/passthrough\/conn_slack\/conversations\.history\?/);
		expect(fixture.sim.received.join('\n')).not.toMatch(/[?&;]__domain=/);
	});
});
