export interface Groupable {
	/** What must be the same for two items to share a call; undefined: the item is sent on its own. */
	key?: string;
	/** The most items of a call this item may join. */
	maxSize: number;
}

/**
 * Consecutive items with the same key, at most `maxSize` to a group, in input order. A change of key closes the
 * group, so items that disagree on anything the call shares are never mixed and the output order is kept.
 */
export function groupConsecutive(entries: Groupable[]): number[][] {
	const groups: number[][] = [];
	let current: number[] = [];
	let currentKey: string | undefined;
	entries.forEach(({ key, maxSize }, index) => {
		const joins =
			key !== undefined && key === currentKey && current.length > 0 && current.length < maxSize;
		if (!joins) {
			if (current.length > 0) groups.push(current);
			current = [];
		}
		current.push(index);
		currentKey = key;
	});
	if (current.length > 0) groups.push(current);
	return groups;
}
