import { describe, expect, it } from 'vitest';

import { useSimulator } from '../../harness/fixture';
import { createPoller, recordsOf } from '../../harness/poll';

const fixture = useSimulator({ hubspotContacts: 0 });

/** A small seeded generator (mulberry32): the same run every time. */
function seeded(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let value = state;
		value = Math.imul(value ^ (value >>> 15), value | 1);
		value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
		return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
	};
}

describe('trigger: 100 polls with random changes between them', () => {
	it('emits every change at least once and no version twice, through a poll that fails half-way', async () => {
		const { feed, faults } = fixture.sim;
		const random = seeded(20261129);
		// Changes a few ms apart, often in the same ms: ties at the watermark are the rule, not the exception.
		let clock = Date.UTC(2026, 10, 29, 8);
		feed.now = () => clock;
		const trigger = await createPoller({
			credentials: fixture.credentials,
			parameters: {
				source: 'hubspot',
				hubspotObject: 'contacts',
				options: {
					firstPoll: 'emitAll',
					maxRecordsPerPoll: 150,
					lookbackMs: 10,
					retry: { settings: { maxRetries: 0 } },
				},
			},
		});
		const ids: string[] = [];
		const current = new Map<string, number>();
		const emitted = new Map<string, number>();
		const change = () => {
			clock += Math.floor(random() * 3);
			if (ids.length === 0 || random() < 0.4) {
				const record = feed.add('hubspot:contacts', { email: `r${ids.length}@example.com` });
				ids.push(record.id);
				current.set(record.id, record.updatedAt);
			} else {
				const id = ids[Math.floor(random() * ids.length)];
				current.set(id, feed.update('hubspot:contacts', id, { n: random() }).updatedAt);
			}
		};
		let failures = 0;
		for (let poll = 0; poll < 100; poll++) {
			const changes = poll === 50 ? 400 : Math.floor(random() * 12);
			for (let index = 0; index < changes; index++) change();
			if (poll === 50) {
				faults.add({
					kind: 'status',
					status: 500,
					after: 1,
					times: 1,
					pathPrefix: 'crm/v3/objects/contacts/search',
				});
			}
			const result = await trigger.poll();
			if (result.error) {
				failures++;
				expect(result.error.message).toMatch(/HubSpot contacts: .*\(page 2\)/);
				continue;
			}
			for (const record of recordsOf(result)) {
				const version = `${String(record.id)}@${String((record.properties as Record<string, string>).lastmodifieddate)}`;
				emitted.set(version, (emitted.get(version) ?? 0) + 1);
			}
		}
		// Drain what the cuts of Max Records per Poll left for later polls.
		for (let poll = 0; poll < 10; poll++) {
			const result = await trigger.poll();
			for (const record of recordsOf(result)) {
				const version = `${String(record.id)}@${String((record.properties as Record<string, string>).lastmodifieddate)}`;
				emitted.set(version, (emitted.get(version) ?? 0) + 1);
			}
		}
		expect(failures).toBe(1);
		expect(ids.length).toBeGreaterThan(300);
		const twice = [...emitted].filter(([, count]) => count > 1);
		expect(twice).toEqual([]);
		const missing = [...current]
			.map(([id, time]) => `${id}@${new Date(time).toISOString()}`)
			.filter((version) => !emitted.has(version));
		expect(missing).toEqual([]);
	}, 120_000);
});
