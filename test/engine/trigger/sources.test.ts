import type { INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { useSimulator } from '../../harness/fixture';
import { createPoller, recordsOf } from '../../harness/poll';
import { connectionById } from '../../harness/workflow';
import { ACME_CHANGES } from '../../simulator/upstreams/acmeChanges';
import { postToFeed } from '../../simulator/upstreams/slackHistory';

const fixture = useSimulator();

async function poller(parameters: INodeParameters, budgetMs?: number) {
	return await createPoller({ credentials: fixture.credentials, parameters, budgetMs });
}

const customChanges = (extra: INodeParameters = {}): INodeParameters => ({
	connection: connectionById('conn_acme'),
	source: 'custom',
	method: 'GET',
	path: 'v2/changes',
	sendQuery: true,
	queryParameters: { parameters: [{ name: 'limit', value: '50' }] },
	pagination: {
		settings: { mode: 'cursor', cursorPath: 'next_cursor', cursorParameter: 'cursor' },
	},
	recordsPath: 'data',
	idField: 'id',
	updatedField: 'updated_at',
	...extra,
});

describe('trigger: custom source', () => {
	it('emits every record oldest first on "emitAll", across pages the API orders by id, then only changes', async () => {
		const { feed } = fixture.sim;
		const base = Date.now() - 10_000;
		// Ids and times in opposite orders: the API's id order is not the emitted order.
		for (let index = 0; index < 120; index++)
			feed.add(
				ACME_CHANGES,
				{ n: index },
				{ id: `c${String(index).padStart(3, '0')}`, at: base + (120 - index) * 10 },
			);
		const trigger = await poller(customChanges({ options: { firstPoll: 'emitAll' } }));
		const first = recordsOf(await trigger.poll());
		expect(first).toHaveLength(120);
		expect(first[0]).toMatchObject({ id: 'c119', n: 119 });
		expect(first.at(-1)?.id).toBe('c000');
		feed.update(ACME_CHANGES, 'c050', { n: -1 });
		const second = recordsOf(await trigger.poll());
		expect(second).toEqual([expect.objectContaining({ id: 'c050', n: -1 })]);
		expect((await trigger.poll()).items).toBeNull();
	});

	it('polls one page when Pagination was never added (the editor saves it absent or empty)', async () => {
		const { feed } = fixture.sim;
		for (const pagination of [undefined, {}]) {
			const parameters = customChanges({ options: { firstPoll: 'emitAll' } });
			if (pagination) parameters.pagination = pagination;
			else delete parameters.pagination;
			const trigger = await poller(parameters);
			await trigger.poll();
			const added = feed.add(ACME_CHANGES, { n: 1 });
			expect(recordsOf(await trigger.poll()).map((record) => record.id)).toEqual([added.id]);
		}
	});

	it('sends the watermark minus the lookback in the since parameter, in the format asked for', async () => {
		const { feed } = fixture.sim;
		const trigger = await poller(
			customChanges({
				sinceParameter: 'updated_since',
				sinceFormat: 'unixMs',
				options: { lookbackMs: 5_000 },
			}),
		);
		await trigger.poll();
		const added = feed.add(ACME_CHANGES, { n: 1 });
		expect(recordsOf(await trigger.poll()).map((record) => record.id)).toEqual([added.id]);
		const query = fixture.sim.log.at(-1)?.rawQuery ?? '';
		const since = Number(new URLSearchParams(query).get('updated_since'));
		expect(since).toBeGreaterThan(Date.now() - 60_000);
		expect(since).toBeLessThanOrEqual(added.updatedAt);
	});

	it('Max Records per Poll: the oldest first, the rest on the next polls, none twice', async () => {
		const { feed } = fixture.sim;
		const at = Date.now() - 1_000;
		feed.addMany(
			ACME_CHANGES,
			30,
			(index) => ({ n: index }),
			(index) => at + Math.floor(index / 4),
		);
		const trigger = await poller(
			customChanges({ options: { firstPoll: 'emitAll', maxRecordsPerPoll: 7, lookbackMs: 0 } }),
		);
		const seen: string[] = [];
		for (let poll = 0; poll < 6; poll++)
			seen.push(...recordsOf(await trigger.poll()).map((record) => String(record.id)));
		expect(seen).toHaveLength(30);
		expect(new Set(seen).size).toBe(30);
	});

	it('refuses a record without the ID field with a message that names it', async () => {
		fixture.sim.feed.add(ACME_CHANGES, { n: 1 });
		const trigger = await poller(
			customChanges({ idField: 'uuid', options: { firstPoll: 'emitAll' } }),
		);
		const result = await trigger.poll();
		expect(result.error?.message).toMatch(/has no "uuid"/);
	});
});

describe('trigger: Salesforce source', () => {
	const accounts = (extra: INodeParameters = {}): INodeParameters => ({
		connection: connectionById('conn_salesforce'),
		source: 'salesforce',
		soql: "SELECT Id, Name FROM Account WHERE Industry = 'Energy'",
		...extra,
	});

	it('adds SystemModstamp to the SELECT and WHERE, orders by it and Id, and emits changed records', async () => {
		const { feed } = fixture.sim;
		feed.add('salesforce:Account', { Name: 'Old', Industry: 'Energy' }, { id: '001A' });
		const trigger = await poller(accounts());
		expect((await trigger.poll()).items).toBeNull();
		const at = Date.now() + 1;
		feed.add('salesforce:Account', { Name: 'Solar', Industry: 'Energy' }, { id: '001C', at });
		feed.add('salesforce:Account', { Name: 'Wind', Industry: 'Energy' }, { id: '001B', at });
		feed.add('salesforce:Account', { Name: 'Bank', Industry: 'Finance' }, { id: '001D', at });
		const records = recordsOf(await trigger.poll());
		expect(records.map((record) => record.Id)).toEqual(['001B', '001C']);
		expect(records[0]).toMatchObject({
			Name: 'Wind',
			SystemModstamp: expect.stringMatching(/\+0000$/),
		});
		const soql = new URLSearchParams(fixture.sim.log.at(-1)?.rawQuery).get('q');
		expect(soql).toMatch(
			/^SELECT Id, Name, SystemModstamp FROM Account WHERE \(Industry = 'Energy'\) AND SystemModstamp > \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ ORDER BY SystemModstamp ASC, Id ASC$/,
		);
	});

	it('does not lose a record when Max Records per Poll cuts records of the same second', async () => {
		const { feed } = fixture.sim;
		const trigger = await poller(accounts({ options: { maxRecordsPerPoll: 2, lookbackMs: 0 } }));
		await trigger.poll();
		const at = Date.now() + 1_000;
		for (const id of ['001E', '001F', '001G', '001H', '001I'])
			feed.add('salesforce:Account', { Name: id, Industry: 'Energy' }, { id, at });
		const emitted: unknown[] = [];
		for (let poll = 0; poll < 4; poll++)
			emitted.push(...recordsOf(await trigger.poll()).map((record) => record.Id));
		expect(emitted).toEqual(['001E', '001F', '001G', '001H', '001I']);
	});

	it('refuses ORDER BY and LIMIT with a clear message, before any request', async () => {
		for (const soql of ['SELECT Id FROM Account ORDER BY Name', 'SELECT Id FROM Account LIMIT 5']) {
			const trigger = await poller(accounts({ soql }));
			const result = await trigger.poll();
			expect(result.error?.message).toMatch(
				/Parameter "soql": Remove (ORDER BY|LIMIT) from the query/,
			);
		}
		expect(fixture.sim.log).toHaveLength(0);
	});

	it('refuses a WHERE that would escape the parentheses around it, naming the parameter, before any request', async () => {
		for (const soql of [
			'SELECT Id FROM Account WHERE Name != null) OR (Name != null',
			"SELECT Id FROM Account WHERE Name = 'x\\\\') OR (Name != null",
		]) {
			const trigger = await poller(accounts({ soql }));
			const result = await trigger.poll();
			expect(result.error?.message).toMatch(/Parameter "soql": The parentheses .* do not pair up/);
		}
		expect(fixture.sim.log).toHaveLength(0);
	});

	it('for "new", selects CreatedDate and emits each account once', async () => {
		const { feed } = fixture.sim;
		const trigger = await poller(accounts({ event: 'new', soql: 'SELECT Name FROM Account' }));
		await trigger.poll();
		const added = feed.add('salesforce:Account', { Name: 'Fresh' }, { at: Date.now() + 1_000 });
		const records = recordsOf(await trigger.poll());
		expect(records).toEqual([
			expect.objectContaining({ Id: added.id, CreatedDate: expect.any(String) }),
		]);
		feed.update('salesforce:Account', added.id, { Name: 'Renamed' }, { at: Date.now() + 2_000 });
		expect((await trigger.poll()).items).toBeNull();
	});
});

describe('trigger: Slack source', () => {
	it('emits new messages of the channel oldest first, each once', async () => {
		const { feed } = fixture.sim;
		const channel = 'C0FEED001';
		postToFeed(feed, channel, 'before');
		const trigger = await poller({
			connection: connectionById('conn_slack'),
			source: 'slack',
			slackChannel: channel,
		});
		expect((await trigger.poll()).items).toBeNull();
		const now = Date.now();
		for (let index = 0; index < 250; index++) postToFeed(feed, channel, `m${index}`, now + index);
		const records = recordsOf(await trigger.poll());
		expect(records).toHaveLength(250);
		expect(records[0]).toMatchObject({ type: 'message', text: 'm0' });
		expect(records.at(-1)).toMatchObject({ text: 'm249' });
		expect((await trigger.poll()).items).toBeNull();
		const history = fixture.sim.log.at(-1)?.rawQuery ?? '';
		expect(history).toMatch(/oldest=\d+\.\d{6}/);
	});

	it("says which channel failed, with Slack's own error", async () => {
		const trigger = await poller({
			connection: connectionById('conn_slack'),
			source: 'slack',
			slackChannel: 'C0MISSING',
		});
		const result = await trigger.poll();
		expect(result.error?.message).toMatch(/Slack channel C0MISSING: .*channel_not_found/);
		// A trigger has no input items: its messages name none.
		expect(result.error?.message).not.toMatch(/\[item/);
	});
});
