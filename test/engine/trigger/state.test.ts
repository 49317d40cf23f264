import * as core from 'n8n-core';
import type { INodeParameters } from 'n8n-workflow';
import { afterEach, describe, expect, it } from 'vitest';

import { useSimulator } from '../../harness/fixture';
import { createPoller, recordsOf } from '../../harness/poll';
import { connectionById } from '../../harness/workflow';
import { ACME_CHANGES } from '../../simulator/upstreams/acmeChanges';
import { json } from '../../simulator/types';

// What the trigger stores between polls and what one poll may read: hostile record ids and times, and a source
// that never ends, must neither freeze the trigger, nor grow its state without bound, nor read without end.

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
	queryParameters: { parameters: [{ name: 'limit', value: '500' }] },
	pagination: {
		settings: { mode: 'cursor', cursorPath: 'next_cursor', cursorParameter: 'cursor' },
	},
	recordsPath: 'data',
	idField: 'id',
	updatedField: 'updated_at',
	...extra,
});

const ids = (records: Array<Record<string, unknown>>) => records.map((record) => record.id);

/** What the trigger logs through its poll context's logger (n8n-core 2.x: a getter on the context). */
function captureWarnings(): string[] {
	const warnings: string[] = [];
	const logger = { warn: (message: string) => warnings.push(message) };
	const { PollContext } = core as unknown as { PollContext: { prototype: object } };
	Object.defineProperty(PollContext.prototype, 'logger', {
		configurable: true,
		get: () => ({ ...console, debug() {}, info() {}, error() {}, ...logger }),
		// n8n-core 1.x may assign its own logger in the constructor: ignored, so neither line throws.
		set() {},
	});
	return warnings;
}

afterEach(() => {
	const { PollContext } = core as unknown as { PollContext: { prototype: object } };
	delete (PollContext.prototype as { logger?: unknown }).logger;
});

describe('trigger state: record times', () => {
	it('a record stamped 9999-12-31 is skipped and does not freeze the trigger: later records keep arriving', async () => {
		const { feed } = fixture.sim;
		feed.add(ACME_CHANGES, { n: 0 }, { id: 'ok-0' });
		feed.add(ACME_CHANGES, { n: -1 }, { id: 'future', at: Date.UTC(9999, 11, 31) });
		const warnings = captureWarnings();
		const trigger = await poller(customChanges({ options: { firstPoll: 'emitAll' } }));
		expect(ids(recordsOf(await trigger.poll()))).toEqual(['ok-0']);
		// n8n-core 1.x sets its logger otherwise: the warning's text is checked in test/unit/PassthroughTrigger/poll/runPoll.test.ts.
		if (trigger.staged)
			expect(warnings).toEqual([
				expect.stringMatching(
					/^GET v2\/changes: skipped 1 record\(s\) .*"future" \(9999-12-31T00:00:00\.000Z, more than 5 minutes after the poll began\)/,
				),
			]);
		const later = feed.add(ACME_CHANGES, { n: 1 }, { id: 'ok-1' });
		expect(ids(recordsOf(await trigger.poll()))).toEqual([later.id]);
		expect(JSON.stringify(trigger.staticData)).not.toMatch(/2534022144/);
		const state = trigger.staticData.pollState as { watermark: number };
		expect(state.watermark).toBeLessThanOrEqual(Date.now());
	});

	it('a time outside the Date range ("99999999999999999") is skipped, and later polls neither fail nor stop', async () => {
		const { feed } = fixture.sim;
		const now = new Date().toISOString();
		fixture.sim.faults.add({
			kind: 'reply',
			times: 1,
			pathPrefix: 'v2/changes',
			reply: json(200, {
				data: [
					{ id: 'far', updated_at: '99999999999999999' },
					{ id: 'ok-0', updated_at: now },
				],
				next_cursor: null,
			}),
		});
		const trigger = await poller(
			customChanges({
				sinceParameter: 'updated_since',
				options: { firstPoll: 'emitAll' },
			}),
		);
		const first = await trigger.poll();
		expect(first.error).toBeUndefined();
		expect(ids(recordsOf(first))).toEqual(['ok-0']);
		const later = feed.add(ACME_CHANGES, { n: 1 }, { id: 'ok-1' });
		const second = await trigger.poll();
		expect(second.error).toBeUndefined();
		expect(ids(recordsOf(second))).toEqual([later.id]);
	});
	it('a record dated at the earliest Date (-271821-04-20) does not make the next since value "Invalid time value"', async () => {
		const { feed } = fixture.sim;
		fixture.sim.faults.add({
			kind: 'reply',
			times: 1,
			pathPrefix: 'v2/changes',
			reply: json(200, {
				data: [{ id: 'earliest', updated_at: '-271821-04-20T00:00:00.000Z' }],
				next_cursor: null,
			}),
		});
		const trigger = await poller(
			customChanges({ sinceParameter: 'updated_since', options: { firstPoll: 'emitAll' } }),
		);
		expect(ids(recordsOf(await trigger.poll()))).toEqual(['earliest']);
		const later = feed.add(ACME_CHANGES, { n: 1 });
		const next = await trigger.poll();
		expect(next.error).toBeUndefined();
		expect(ids(recordsOf(next))).toEqual([later.id]);
	});
});

describe('trigger settings that are no date', () => {
	it('refuses a First Poll Since outside the Date range, naming it, before any request', async () => {
		for (const firstPollSince of [
			'99999999999999999',
			'-99999999999999999',
			'+275760-09-14T00:00:00Z',
		]) {
			const trigger = await poller(
				customChanges({ options: { firstPoll: 'emitSince', firstPollSince } }),
			);
			expect((await trigger.poll()).error?.message, firstPollSince).toMatch(
				/options\.firstPollSince|First Poll Since/,
			);
		}
		expect(fixture.sim.log).toHaveLength(0);
	});
});

describe('trigger state: storage', () => {
	it('emits a record whose id is __proto__ (or constructor) once, and again only when it changes', async () => {
		const { feed } = fixture.sim;
		const at = Date.now() - 1_000;
		for (const id of ['__proto__', 'constructor', 'plain'])
			feed.add(ACME_CHANGES, { n: 1 }, { id, at });
		const trigger = await poller(customChanges({ options: { firstPoll: 'emitAll' } }));
		expect(ids(recordsOf(await trigger.poll())).sort()).toEqual([
			'__proto__',
			'constructor',
			'plain',
		]);
		expect((await trigger.poll()).items).toBeNull();
		expect((await trigger.poll()).items).toBeNull();
		feed.update(ACME_CHANGES, '__proto__', { n: 2 });
		expect(recordsOf(await trigger.poll())).toEqual([
			expect.objectContaining({ id: '__proto__', n: 2 }),
		]);
		expect((await trigger.poll()).items).toBeNull();
	});

	it('stores short digests, not the ids: 3,000 ids of 400 characters sharing one time take about 35 bytes each', async () => {
		const { feed } = fixture.sim;
		const at = Date.now() - 1_000;
		const long = (index: number) => `${String(index).padStart(5, '0')}-${'x'.repeat(394)}`;
		for (let index = 0; index < 3_000; index++)
			feed.add(ACME_CHANGES, { n: index }, { id: long(index), at });
		const trigger = await poller(customChanges({ options: { firstPoll: 'emitAll' } }));
		expect(recordsOf(await trigger.poll())).toHaveLength(3_000);
		const bytes = Buffer.byteLength(JSON.stringify(trigger.staticData));
		console.log(`3,000 tied ids of 400 characters: ${bytes} bytes of static data`);
		expect(bytes).toBeLessThan(3_000 * 40);
		expect(JSON.stringify(trigger.staticData)).not.toContain('xxxxxxxx');
		expect((await trigger.poll()).items).toBeNull();
	});
});

describe('trigger: a source without order that never ends', () => {
	/** Every page holds 100 new records and a new cursor: the API never says it is done. */
	function endlessPages() {
		let page = 0;
		fixture.sim.faults.add({
			kind: 'reply',
			pathPrefix: 'v2/endless',
			reply: () => {
				page++;
				const at = new Date(Date.now() - page).toISOString();
				const data = Array.from({ length: 100 }, (_, index) => ({
					id: `p${page}-${index}`,
					updated_at: at,
				}));
				return json(200, { data, next_cursor: `c${page}` });
			},
		});
		return () => page;
	}

	it('fails the poll once it has read Max Records Read per Poll, naming the cap and the since filter', async () => {
		const pages = endlessPages();
		const trigger = await poller(
			customChanges({
				path: 'v2/endless',
				options: { firstPoll: 'emitAll', maxRecordsReadPerPoll: 1_000 },
			}),
			10_000,
		);
		const result = await trigger.poll();
		expect(result.error?.message).toMatch(
			/GET v2\/endless: .* read more than 1,000 records \(Max Records Read per Poll\)/,
		);
		expect(result.error?.description).toMatch(/Since Parameter/);
		expect(pages()).toBe(11);
		expect(trigger.staticData.pollState).toBeUndefined();
	});

	it('refuses a Max Records Read per Poll that is not a whole number of at least 1, before any request', async () => {
		for (const maxRecordsReadPerPoll of [0, -5, 1.5, 'many'] as unknown[]) {
			const trigger = await poller(
				customChanges({ options: { maxRecordsReadPerPoll } as INodeParameters['options'] }),
			);
			expect((await trigger.poll()).error?.message).toMatch(/options\.maxRecordsReadPerPoll/);
		}
		expect(fixture.sim.log).toHaveLength(0);
	});
});
