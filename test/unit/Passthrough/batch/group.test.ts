import { describe, expect, it } from 'vitest';

import { groupConsecutive } from '../../../../nodes/Unified/Passthrough/batch/group';

describe('groupConsecutive', () => {
	it('groups consecutive items with the same key, at most maxSize each', () => {
		const entries = Array.from({ length: 7 }, () => ({ key: 'a', maxSize: 3 }));
		expect(groupConsecutive(entries)).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
	});

	it('a change of key closes the group, even when the key comes back later', () => {
		const keys = ['a', 'a', 'b', 'a', 'a'];
		expect(groupConsecutive(keys.map((key) => ({ key, maxSize: 10 })))).toEqual([
			[0, 1],
			[2],
			[3, 4],
		]);
	});

	it('an item without a key is alone and splits the run around it', () => {
		expect(
			groupConsecutive([
				{ key: 'a', maxSize: 10 },
				{ maxSize: 1 },
				{ key: 'a', maxSize: 10 },
				{ key: 'a', maxSize: 10 },
			]),
		).toEqual([[0], [1], [2, 3]]);
	});

	it('nothing in, nothing out', () => {
		expect(groupConsecutive([])).toEqual([]);
	});
});
