import type { INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { useSimulator } from '../../harness/fixture';
import { createPoller, recordsOf } from '../../harness/poll';

const fixture = useSimulator();

const contacts = (extra: INodeParameters = {}): INodeParameters => ({
	source: 'hubspot',
	hubspotObject: 'contacts',
	hubspotProperties: 'email,firstname',
	...extra,
});

async function poller(parameters: INodeParameters, budgetMs?: number) {
	return await createPoller({ credentials: fixture.credentials, parameters, budgetMs });
}

describe('trigger: HubSpot source', () => {
	it('emits nothing on the first poll, then exactly the contacts changed after it, as HubSpot returns them', async () => {
		const { feed } = fixture.sim;
		const trigger = await poller(contacts());
		expect((await trigger.poll()).items).toBeNull();
		const now = Date.now();
		feed.update('hubspot:contacts', '103', { firstname: 'Changed' }, { at: now - 10 });
		feed.update('hubspot:contacts', '101', { email: 'new@example.com' }, { at: now - 5 });
		const second = await trigger.poll();
		expect(second.error).toBeUndefined();
		const records = recordsOf(second);
		expect(records.map((record) => record.id)).toEqual(['103', '101']);
		expect(records[0]).toMatchObject({
			id: '103',
			properties: { firstname: 'Changed', hs_object_id: '103' },
			archived: false,
		});
		expect((await trigger.poll()).items).toBeNull();
		const search = fixture.sim.log.filter((entry) => entry.path.endsWith('/search'));
		expect(search.every((entry) => entry.method === 'POST')).toBe(true);
	});

	it('emits a change made within the lookback window after the first poll, once', async () => {
		const { feed } = fixture.sim;
		const trigger = await poller(contacts({ options: { lookbackMs: 3_600_000 } }));
		feed.update('hubspot:contacts', '110', { firstname: 'Before' });
		expect((await trigger.poll()).items).toBeNull();
		feed.update('hubspot:contacts', '110', { firstname: 'After' });
		feed.add('hubspot:contacts', { email: 'x@example.com' }, { id: '999' });
		expect(recordsOf(await trigger.poll()).map((record) => record.id)).toEqual(['110', '999']);
		expect((await trigger.poll()).items).toBeNull();
	});

	it('leaves the state untouched when a poll fails half-way, and the next poll gets every record', async () => {
		const { feed, faults } = fixture.sim;
		const trigger = await poller(contacts({ options: { retry: { settings: { maxRetries: 0 } } } }));
		await trigger.poll();
		const before = JSON.stringify(trigger.staticData);
		feed.addMany('hubspot:contacts', 350, (index) => ({ email: `n${index}@example.com` }));
		faults.add({
			kind: 'status',
			status: 500,
			after: 2,
			pathPrefix: 'crm/v3/objects/contacts/search',
		});
		const failed = await trigger.poll();
		expect(failed.items).toBeNull();
		expect(failed.error?.message).toMatch(
			/HubSpot contacts: the poll for records changed since \d{4}-.*\(page 3\)/,
		);
		expect(JSON.stringify(trigger.staticData)).toBe(before);
		faults.clear();
		const next = recordsOf(await trigger.poll());
		expect(next).toHaveLength(350);
		expect(new Set(next.map((record) => record.id)).size).toBe(350);
		expect((await trigger.poll()).items).toBeNull();
	});

	it('catches a change the search index shows late, within the lookback window, once', async () => {
		const { feed } = fixture.sim;
		const trigger = await poller(contacts());
		await trigger.poll();
		// Times in the past: a search shows nothing stamped later than now.
		const now = Date.now();
		// Changed first but indexed after a later change: the later one moves the watermark past it.
		feed.update(
			'hubspot:contacts',
			'140',
			{ firstname: 'Lagging' },
			{ at: now - 20, visibleAt: Infinity },
		);
		feed.update('hubspot:contacts', '141', { firstname: 'Quick' }, { at: now - 10 });
		expect(recordsOf(await trigger.poll()).map((record) => record.id)).toEqual(['141']);
		feed.reindex('hubspot:contacts', '140');
		expect(recordsOf(await trigger.poll()).map((record) => record.id)).toEqual(['140']);
		expect((await trigger.poll()).items).toBeNull();
	});

	it('starts over when the object changes (a stored fingerprint of the settings)', async () => {
		const { feed } = fixture.sim;
		const trigger = await poller(contacts());
		await trigger.poll();
		feed.add('hubspot:deals', { dealname: 'Big' });
		trigger.setParameters(contacts({ hubspotObject: 'deals' }));
		// A first poll for deals: remembers where they stand, emits nothing.
		expect((await trigger.poll()).items).toBeNull();
		feed.add('hubspot:deals', { dealname: 'Bigger' });
		const deals = recordsOf(await trigger.poll());
		expect(deals).toHaveLength(1);
		expect(deals[0].properties).toMatchObject({ hs_lastmodifieddate: expect.any(String) });
	});

	it('reruns from a date: choosing "Emit Since a Date" starts over and emits what changed from then on', async () => {
		const { feed } = fixture.sim;
		const trigger = await poller(contacts());
		await trigger.poll();
		const at = Date.now();
		feed.update('hubspot:contacts', '150', { firstname: 'Once' }, { at });
		expect(recordsOf(await trigger.poll()).map((record) => record.id)).toEqual(['150']);
		trigger.setParameters(
			contacts({
				options: { firstPoll: 'emitSince', firstPollSince: new Date(at - 1_000).toISOString() },
			}),
		);
		expect(recordsOf(await trigger.poll()).map((record) => record.id)).toEqual(['150']);
		expect((await trigger.poll()).items).toBeNull();
	});

	it('Fetch Test Event returns the newest records without touching the state', async () => {
		const { feed } = fixture.sim;
		const trigger = await poller(contacts());
		await trigger.poll();
		const before = JSON.stringify(trigger.staticData);
		feed.update('hubspot:contacts', '120', { firstname: 'Newest' });
		const sample = recordsOf(await trigger.poll('manual'));
		expect(sample.length).toBeGreaterThan(0);
		expect(sample.at(-1)?.id).toBe('120');
		expect(JSON.stringify(trigger.staticData)).toBe(before);
		expect(recordsOf(await trigger.poll()).map((record) => record.id)).toEqual(['120']);
	});

	it('goes past the 10,000-result search cap with a new query from the last record time', async () => {
		const { feed } = fixture.sim;
		const trigger = await poller(
			contacts({ hubspotObject: 'tickets', options: { maxRecordsPerPoll: 20_000 } }),
		);
		await trigger.poll();
		feed.addMany('hubspot:tickets', 10_150, (index) => ({ subject: `T${index}` }));
		const result = await trigger.poll();
		expect(result.error).toBeUndefined();
		const ids = recordsOf(result).map((record) => record.id);
		expect(ids).toHaveLength(10_150);
		expect(new Set(ids).size).toBe(10_150);
		expect((await trigger.poll()).items).toBeNull();
	}, 120_000);

	it('for "new", emits each record once, decided by its creation time', async () => {
		const { feed } = fixture.sim;
		const trigger = await poller(contacts({ event: 'new' }));
		await trigger.poll();
		const created = feed.add('hubspot:contacts', { email: 'fresh@example.com' });
		feed.update('hubspot:contacts', '130', { firstname: 'Old but changed' });
		expect(recordsOf(await trigger.poll()).map((record) => record.id)).toEqual([created.id]);
		feed.update('hubspot:contacts', created.id, { firstname: 'Again' });
		expect((await trigger.poll()).items).toBeNull();
	});

	it('n8n 2.x: stops fetching before the poll budget ends, emits what it has, and the next poll gets the rest', async (context) => {
		const { feed } = fixture.sim;
		const trigger = await poller(contacts());
		if (!trigger.staged) context.skip();
		await trigger.poll();
		feed.addMany('hubspot:contacts', 450, (index) => ({ email: `b${index}@example.com` }));
		// A budget this short ends after the first page: what that page held is emitted, the rest waits.
		const cut = recordsOf(await trigger.poll('trigger', { budgetMs: 1 }));
		expect(cut).toHaveLength(100);
		const rest = recordsOf(await trigger.poll());
		expect(rest).toHaveLength(350);
		expect(new Set([...cut, ...rest].map((record) => record.id)).size).toBe(450);
		expect((await trigger.poll()).items).toBeNull();
	});

	it('refuses a bad object before any request', async () => {
		const trigger = await poller(contacts({ hubspotObject: '../owners' }));
		const result = await trigger.poll();
		expect(result.error?.message).toMatch(/Parameter "hubspotObject"/);
		expect(fixture.sim.log.filter((entry) => entry.path.includes('search'))).toHaveLength(0);
	});
});
