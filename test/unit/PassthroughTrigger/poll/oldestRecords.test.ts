import { describe, expect, it } from 'vitest';

import {
	byTimeThenId,
	OldestRecords,
} from '../../../../nodes/Unified/PassthroughTrigger/poll/oldestRecords';

interface Row {
	id: string;
	time: number;
	v?: number;
}

/** What OldestRecords must equal: every row, the latest version of each id, sorted, the first `limit`. */
function expected(rows: Row[], limit: number): Row[] {
	const latest = new Map<string, Row>();
	for (const row of rows) {
		const known = latest.get(row.id);
		if (!known || row.time > known.time) latest.set(row.id, row);
	}
	return [...latest.values()].sort(byTimeThenId).slice(0, limit);
}

function keep(rows: Row[], limit: number) {
	const oldest = new OldestRecords<Row>(limit);
	for (const row of rows) oldest.offer({ ...row });
	return oldest;
}

describe('OldestRecords', () => {
	it('keeps the oldest records, time then id, whatever the order they come in', () => {
		const rows: Row[] = [
			{ id: 'e', time: 30 },
			{ id: 'b', time: 20 },
			{ id: 'a', time: 10 },
			{ id: 'd', time: 20 },
			{ id: 'c', time: 20 },
		];
		expect(keep(rows, 10).oldest()).toEqual(expected(rows, 10));
		expect(keep(rows, 10).cut).toBe(false);
		const three = keep(rows, 3);
		expect(three.oldest().map((row) => row.id)).toEqual(['a', 'b', 'c']);
		expect(three.cut).toBe(true);
	});

	it('keeps the latest version of an id, read before or after the older one', () => {
		const rows: Row[] = [
			{ id: 'a', time: 10, v: 1 },
			{ id: 'b', time: 15 },
			{ id: 'a', time: 40, v: 2 },
			{ id: 'a', time: 20, v: 3 },
		];
		expect(keep(rows, 5).oldest()).toEqual([
			{ id: 'b', time: 15 },
			{ id: 'a', time: 40, v: 2 },
		]);
		// The latest version of 'a' went past the cut: no version of it is emitted (the next poll emits the latest),
		// and the slot it held stays empty this poll.
		const one = keep(rows, 1);
		expect(one.oldest()).toEqual([]);
		expect(one.cut).toBe(true);
	});

	it('matches a sort of everything for random streams of distinct ids, and holds at most twice its limit', () => {
		let seed = 7;
		const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
		for (let round = 0; round < 50; round++) {
			const limit = 1 + Math.floor(random() * 20);
			const rows: Row[] = Array.from({ length: 300 }, (_, index) => ({
				id: `r${index}`,
				time: Math.floor(random() * 50),
			}));
			const oldest = new OldestRecords<Row>(limit);
			let most = 0;
			for (const row of rows) {
				oldest.offer({ ...row });
				most = Math.max(most, (oldest as unknown as { held: Row[] }).held.length);
			}
			expect(most).toBeLessThan(2 * limit);
			const kept = oldest.oldest();
			const all = expected(rows, Infinity);
			expect(kept).toEqual(all.slice(0, limit));
			expect(oldest.cut).toBe(rows.length > limit);
		}
	});
});
