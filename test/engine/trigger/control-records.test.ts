import type { INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { useSimulator } from '../../harness/fixture';
import { createPoller, recordsOf } from '../../harness/poll';
import { connectionById } from '../../harness/workflow';

// The simulator's record control endpoints, as a person trying a trigger against `npm run simulator` uses them
// (curl from another shell): what they add or change reaches what each source's polls read.
const fixture = useSimulator();

async function control(method: string, path: string, body?: unknown) {
	const response = await fetch(`${fixture.sim.baseUrl}${path}`, {
		method,
		headers: { authorization: `Bearer ${fixture.sim.apiKey}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function poller(parameters: INodeParameters) {
	return await createPoller({ credentials: fixture.credentials, parameters });
}

const sources: Array<{
	kind: string;
	parameters: INodeParameters;
	add: Record<string, unknown>;
	change: Record<string, unknown>;
	/** The emitted record's id and a field it carries. */
	seen: (record: Record<string, unknown>) => [unknown, unknown];
	/** Whether a change is emitted again (a Slack edit keeps its ts, which is what the trigger reads by). */
	changeEmitted: boolean;
}> = [
	{
		kind: 'hubspot-contact',
		parameters: {
			source: 'hubspot',
			hubspotObject: 'contacts',
			hubspotProperties: 'email,firstname',
		},
		add: { fields: { email: 'ada@example.com', firstname: 'Ada' } },
		change: { fields: { firstname: 'Augusta' } },
		seen: (record) => [record.id, (record.properties as Record<string, unknown>).firstname],
		changeEmitted: true,
	},
	{
		kind: 'salesforce-account',
		parameters: {
			connection: connectionById('conn_salesforce'),
			source: 'salesforce',
			soql: 'SELECT Id, Name FROM Account',
		},
		add: { fields: { Name: 'Acme' } },
		change: { fields: { Name: 'Acme Renamed' } },
		seen: (record) => [record.Id, record.Name],
		changeEmitted: true,
	},
	{
		kind: 'slack-message',
		parameters: {
			connection: connectionById('conn_slack'),
			source: 'slack',
			slackChannel: 'C0CONTROL1',
		},
		add: { channel: 'C0CONTROL1', fields: { text: 'hello' } },
		change: { channel: 'C0CONTROL1', fields: { text: 'edited' } },
		seen: (record) => [record.ts, record.text],
		changeEmitted: false,
	},
	{
		kind: 'custom',
		parameters: {
			connection: connectionById('conn_acme'),
			source: 'custom',
			method: 'GET',
			path: 'v2/changes',
			pagination: {
				settings: { mode: 'cursor', cursorPath: 'next_cursor', cursorParameter: 'cursor' },
			},
			recordsPath: 'data',
			idField: 'id',
			updatedField: 'updated_at',
		},
		add: { fields: { name: 'first' } },
		change: { fields: { name: 'second' } },
		seen: (record) => [record.id, record.name],
		changeEmitted: true,
	},
];

describe('simulator record control: POST /_sim/records/{kind} and PATCH /_sim/records/{kind}/{id}', () => {
	it.each(sources)(
		'$kind: an added record reaches the next poll, and so does a change',
		async ({ kind, parameters, add, change, seen, changeEmitted }) => {
			if (kind === 'slack-message') {
				// The channel exists once it has a message: one from before the trigger starts.
				await control('POST', `/_sim/records/${kind}`, { ...add, fields: { text: 'before' } });
			}
			const trigger = await poller(parameters);
			expect((await trigger.poll()).items).toBeNull();

			const added = await control('POST', `/_sim/records/${kind}`, add);
			expect(added.status).toBe(201);
			expect(added.body).toMatchObject({ kind, fields: add.fields });
			const first = recordsOf(await trigger.poll());
			expect(first.map(seen)).toEqual([
				[added.body.id, Object.values(add.fields as object)[kind === 'hubspot-contact' ? 1 : 0]],
			]);

			const changed = await control(
				'PATCH',
				`/_sim/records/${kind}/${encodeURIComponent(String(added.body.id))}`,
				change,
			);
			expect(changed.status).toBe(200);
			expect(Date.parse(String(changed.body.updatedAt))).toBeGreaterThanOrEqual(
				Date.parse(String(added.body.updatedAt)),
			);
			const second = await trigger.poll();
			if (changeEmitted) {
				expect(recordsOf(second).map(seen)).toEqual([
					[added.body.id, Object.values(change.fields as object)[0]],
				]);
			} else {
				expect(second.items).toBeNull();
			}
		},
	);

	it('says what is wrong: unknown kind or record (404), wrong method (405), malformed body (400)', async () => {
		expect(await control('POST', '/_sim/records/hubspot-deal', {})).toMatchObject({
			status: 404,
			body: {
				message:
					'unknown kind "hubspot-deal" (known: hubspot-contact, salesforce-account, slack-message, custom)',
			},
		});
		expect(await control('POST', '/_sim/records/__proto__', {})).toMatchObject({ status: 404 });
		expect(
			await control('PATCH', '/_sim/records/hubspot-contact/nope', { fields: {} }),
		).toMatchObject({
			status: 404,
			body: { message: 'no hubspot-contact "nope" in hubspot:contacts' },
		});
		expect(await control('PATCH', '/_sim/records/custom', {})).toMatchObject({ status: 405 });
		expect(await control('POST', '/_sim/records/custom', { fields: [1] })).toMatchObject({
			status: 400,
			body: { message: '"fields" must be an object' },
		});
		expect(await control('POST', '/_sim/records/slack-message', { fields: {} })).toMatchObject({
			status: 400,
			body: { message: '"channel" must be a Slack channel id, e.g. "C0FEED001"' },
		});
		expect(fixture.sim.log).toEqual([]);
	});
});
