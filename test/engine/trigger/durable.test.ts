import * as core from 'n8n-core';
import type { INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { useSimulator } from '../../harness/fixture';
import { createPoller, recordsOf, type Poller } from '../../harness/poll';

// First Poll "Emit Nothing" on n8n 2.x's durable scheduler (issue 18 item 2): the activation poll's state is
// dropped when it emits nothing, so the first scheduled poll is a first poll again. It must still emit every change
// made after activation, once, and nothing from before.
const fixture = useSimulator();
// n8n 1.x (npm run test:compat) has no durable scheduler: it writes the activation poll's state.
const DURABLE_SCHEDULER = 'runPollInStagingScope' in core;
const RECORD_KEY = 'unifiedPassthroughTrigger:firstPoll:Trigger';

const contacts = (options: INodeParameters = {}): INodeParameters => ({
	source: 'hubspot',
	hubspotObject: 'contacts',
	hubspotProperties: 'firstname',
	options,
});

async function poller(durableCursors: boolean, parameters = contacts()): Promise<Poller> {
	return await createPoller({ credentials: fixture.credentials, parameters, durableCursors });
}

const ids = (result: Awaited<ReturnType<Poller['poll']>>) => {
	expect(result.error).toBeUndefined();
	return recordsOf(result).map((record) => record.id);
};

/**
 * Changes contacts at times after `after` (1 ms apart), as a user editing them after activation. Never stamped in
 * the future: a poll reads up to its own start.
 */
async function change(after: number, ...contactIds: string[]): Promise<void> {
	while (Date.now() <= after + contactIds.length)
		await new Promise((resolve) => setTimeout(resolve, 2));
	contactIds.forEach((id, index) =>
		fixture.sim.feed.update(
			'hubspot:contacts',
			id,
			{ firstname: `v${after}` },
			{ at: after + 1 + index },
		),
	);
}

const activatedAt = (trigger: Poller) =>
	(trigger.globalStaticData[RECORD_KEY] as { at: number } | undefined)?.at;

describe.runIf(DURABLE_SCHEDULER)(
	'trigger: First Poll "Emit Nothing" on the durable scheduler',
	() => {
		it('delivers the changes made between activation and the first scheduled poll, each once, then every later one', async () => {
			const trigger = await poller(true);
			expect(ids(await trigger.poll('trigger', { activation: true }))).toEqual([]);
			// The activation poll's node state is gone, as in n8n.
			expect(trigger.staticData).toEqual({});
			const at = Date.now();
			await change(at, '101', '102', '103');
			expect(ids(await trigger.poll())).toEqual(['101', '102', '103']);
			expect(ids(await trigger.poll())).toEqual([]);
			await change(at + 10, '104');
			expect(ids(await trigger.poll())).toEqual(['104']);
			await change(at + 20, '101', '105');
			expect(ids(await trigger.poll())).toEqual(['101', '105']);
			expect(ids(await trigger.poll())).toEqual([]);
			// With the state stored and an emission saved, the record is gone: nothing could replay from it.
			expect(trigger.globalStaticData[RECORD_KEY]).toBeUndefined();
		});

		it('emits nothing from before activation, also from the scheduled poll that resumes after it', async () => {
			const { feed } = fixture.sim;
			const before = Date.now();
			// Within the default 1-minute lookback of the activation poll, and at the very time it records.
			feed.update('hubspot:contacts', '110', { firstname: 'before' }, { at: before - 5_000 });
			feed.update('hubspot:contacts', '111', { firstname: 'before' }, { at: before - 1 });
			const trigger = await poller(true);
			expect(ids(await trigger.poll('trigger', { activation: true }))).toEqual([]);
			const at = activatedAt(trigger)!;
			feed.update('hubspot:contacts', '112', { firstname: 'at' }, { at });
			expect(ids(await trigger.poll())).toEqual([]);
			await change(at, '113');
			expect(ids(await trigger.poll())).toEqual(['113']);
		});

		it('lost the activation poll and the first scheduled poll state alike (nothing changed): the next poll still resumes', async () => {
			const trigger = await poller(true);
			await trigger.poll('trigger', { activation: true });
			const at = activatedAt(trigger)!;
			// A scheduled poll that emits nothing commits its state (n8n's cursor-only commit) and drops the record in
			// memory only: the saved record stays and is harmless, because the state now exists.
			expect(ids(await trigger.poll())).toEqual([]);
			expect(trigger.staticData.pollState).toBeDefined();
			await change(at + 100, '120');
			expect(ids(await trigger.poll())).toEqual(['120']);
			expect(ids(await trigger.poll())).toEqual([]);
		});

		it('starts over with other settings: the record of the previous settings is not used', async () => {
			const trigger = await poller(true);
			await trigger.poll('trigger', { activation: true });
			const at = activatedAt(trigger)!;
			await change(at, '130');
			trigger.setParameters({ ...contacts(), hubspotProperties: 'firstname,email' });
			// A new activation poll for the new settings, whose node state is dropped too.
			expect(ids(await trigger.poll('trigger', { activation: true }))).toEqual([]);
			const reactivated = activatedAt(trigger)!;
			expect(reactivated).toBeGreaterThanOrEqual(at);
			await change(reactivated, '131');
			expect(ids(await trigger.poll())).toEqual(['131']);
		});

		it('ignores a malformed or foreign record in the global static data: a first poll emits nothing', async () => {
			const hostile: Array<(record: Record<string, unknown>) => unknown> = [
				(record) => ({ ...record, at: String(record.at) }),
				(record) => ({ ...record, at: Number.NaN }),
				(record) => ({ ...record, at: null }),
				(record) => ({ ...record, version: 2 }),
				(record) => ({ ...record, fingerprint: 'another' }),
				(record) => [record],
				() => '1970-01-01',
			];
			for (const spoil of hostile) {
				const trigger = await poller(true);
				await trigger.poll('trigger', { activation: true });
				const at = activatedAt(trigger)!;
				await change(at, '140');
				const global = trigger.globalStaticData;
				global[RECORD_KEY] = spoil(global[RECORD_KEY] as Record<string, unknown>) as never;
				expect(ids(await trigger.poll())).toEqual([]);
			}
		});

		it('resumes from now at the latest: a record dated ahead never hides later changes', async () => {
			const trigger = await poller(true);
			await trigger.poll('trigger', { activation: true });
			const global = trigger.globalStaticData;
			global[RECORD_KEY] = { ...(global[RECORD_KEY] as object), at: Date.UTC(9999, 11, 31) };
			expect(ids(await trigger.poll())).toEqual([]);
			await change(Date.now(), '170');
			expect(ids(await trigger.poll())).toEqual(['170']);
		});

		it('keeps Fetch Test Event as it was: the newest records, no state and no record written', async () => {
			const trigger = await poller(true);
			const sample = await trigger.poll('manual');
			expect(ids(sample)).toHaveLength(5);
			expect(trigger.staticData).toEqual({});
			expect(trigger.globalStaticData).toEqual({});
		});
	},
);

describe('trigger: First Poll on n8n without the durable scheduler, and the other choices on it (unchanged)', () => {
	it('without durable cursors: each change once, the activation poll state lives on', async () => {
		const trigger = await poller(false);
		expect(ids(await trigger.poll('trigger', { activation: true }))).toEqual([]);
		const at = Date.now();
		expect(trigger.staticData.pollState).toBeDefined();
		await change(at, '150', '151');
		expect(ids(await trigger.poll())).toEqual(['150', '151']);
		await change(at + 10, '150');
		expect(ids(await trigger.poll())).toEqual(['150']);
		expect(ids(await trigger.poll())).toEqual([]);
	});

	it('Emit All and Emit Since on the durable scheduler: what the activation poll emits is committed, never again', async () => {
		for (const options of [
			{ firstPoll: 'emitAll', maxRecordsPerPoll: 1000 },
			{ firstPoll: 'emitSince', firstPollSince: '2026-01-01T00:00:00Z', maxRecordsPerPoll: 1000 },
		]) {
			fixture.sim.resetStats();
			const trigger = await poller(true, contacts(options));
			const first = ids(await trigger.poll('trigger', { activation: true }));
			expect(first.length).toBeGreaterThan(0);
			expect(ids(await trigger.poll())).toEqual([]);
			await change(Date.now(), '160');
			expect(ids(await trigger.poll())).toEqual(['160']);
			expect(trigger.globalStaticData[RECORD_KEY]).toBeUndefined();
		}
	});
});
