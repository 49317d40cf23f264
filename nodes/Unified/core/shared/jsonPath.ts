/** Keys that reach an object's prototype chain when written as paths: never written by withPath. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** `paging.next.after`, `data.0.id` or `items[0].id` -> path segments. */
export function splitPath(path: string): string[] {
	return path
		.replace(/\[(\d+)\]/g, '.$1')
		.split('.')
		.map((segment) => segment.trim())
		.filter((segment) => segment !== '');
}

export function getPath(value: unknown, path: string): unknown {
	let cursor = value;
	for (const segment of splitPath(path)) {
		if (typeof cursor !== 'object' || cursor === null) return undefined;
		if (!Object.prototype.hasOwnProperty.call(cursor, segment)) return undefined;
		cursor = (cursor as Record<string, unknown>)[segment];
	}
	return cursor;
}

/** The first segment of `path` that withPath refuses to write (`__proto__`, `constructor`, `prototype`). */
export function unsafeSegment(path: string): string | undefined {
	return splitPath(path).find((segment) => UNSAFE_KEYS.has(segment));
}

/**
 * Returns a copy of `target` with `path` set; objects along the path are copied, not mutated. A path with an
 * unsafe segment leaves `target` as it is: callers that take paths from the user check unsafeSegment first.
 */
export function withPath(
	target: Record<string, unknown>,
	path: string,
	value: unknown,
): Record<string, unknown> {
	const segments = splitPath(path);
	if (segments.some((segment) => UNSAFE_KEYS.has(segment))) return target;
	const set = (node: Record<string, unknown>, index: number): Record<string, unknown> => {
		const key = segments[index];
		const copy = { ...node };
		if (index === segments.length - 1) {
			copy[key] = value;
		} else {
			const child = node[key];
			const childObject =
				typeof child === 'object' && child !== null && !Array.isArray(child)
					? (child as Record<string, unknown>)
					: {};
			copy[key] = set(childObject, index + 1);
		}
		return copy;
	};
	return segments.length === 0 ? target : set(target, 0);
}
