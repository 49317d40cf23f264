import type { INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { useSimulator } from '../../harness/fixture';
import { createPoller } from '../../harness/poll';
import { connectionById } from '../../harness/workflow';

// The trigger builds its own paths from its fields (object, API version, channel): hostile values must fail the
// poll, naming the field, before anything is sent, or stay inside the connection's passthrough.

const fixture = useSimulator();

/** What was sent besides the check of the connection's integration (`GET /unified/connection/<id>`, by its id). */
function sentBesidesLookup(connectionId: string): string[] {
	return fixture.sim.received.filter((line) => line !== `GET /unified/connection/${connectionId}`);
}

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
		const sent = sentBesidesLookup('conn_slack');
		if (error) expect(sent).toEqual([]);
		else expect(sent.length).toBeGreaterThan(0);
		for (const line of sent)
			expect(line).toMatch(/^GET \/passthrough\/conn_slack\/conversations\.history\?/);
		expect(sent.join('\n')).not.toMatch(/[?&;]__domain=/);
	});

	const nextLinks = [
		'/services/data/v62.0/query/%2e%2e/%2e%2e/%2e%2e/%2e%2e/unified/connection',
		'/services/data/v62.0/query/..%252f..%252f..%252f..%252funified%252fconnection',
		'/services/data/v62.0/query/01g-2000;__domain=evil.example',
		'/services/data/v62.0/query/01g-2000?__DOMAIN=evil.example',
		'https://evil.example/services/data/v62.0/query/01g-2000',
		'//evil.example/services/data/v62.0/query/01g-2000',
		'/services/data/v62.0/query/．．/．．/．．/．．/unified',
	];
	for (const nextRecordsUrl of nextLinks) {
		it(`keeps a hostile Salesforce next link ${JSON.stringify(nextRecordsUrl)} inside the passthrough`, async () => {
			fixture.sim.resetStats();
			fixture.sim.faults.add({
				kind: 'reply',
				times: 1,
				reply: {
					status: 200,
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({
						totalSize: 2,
						done: false,
						nextRecordsUrl,
						records: [{ Id: '001A', SystemModstamp: '2026-11-29T08:00:00.000+0000' }],
					}),
				},
			});
			const trigger = await createPoller({
				credentials: fixture.credentials,
				parameters: {
					connection: connectionById('conn_salesforce'),
					source: 'salesforce',
					soql: 'SELECT Id, Name FROM Account',
					options: { firstPoll: 'emitAll' },
				},
			});
			const { error } = await trigger.poll();
			expect(error).toBeDefined();
			const sent = sentBesidesLookup('conn_salesforce');
			expect(sent.length).toBeGreaterThan(0);
			for (const line of sent)
				expect(line).toMatch(/^GET \/passthrough\/conn_salesforce\/services\/data\/v62\.0\/query/);
			expect(sent.join('\n')).not.toMatch(/__domain|unified|evil/i);
		});
	}
});
