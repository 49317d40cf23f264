import type { IExecuteFunctions, INodeParameters } from 'n8n-workflow';

import type { ParameterReader } from '../../core/request/buildRequest';

/**
 * Whether a saved parameter value holds an n8n expression: a string starting with `=`, at any depth of a
 * collection, fixedCollection or resource locator value. n8n evaluates exactly those strings, so a value without
 * one resolves to the same thing for every item.
 */
export function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (typeof value === 'object' && value !== null)
		return Object.values(value).some(holdsExpression);
	return false;
}

/** A copy of a resolved parameter value (JSON-like after n8n's cleanup), so no item changes another's. */
function copy<T>(value: T): T {
	if (Array.isArray(value)) return value.map(copy) as T;
	if (typeof value === 'object' && value !== null) {
		const prototype = Object.getPrototypeOf(value) as unknown;
		if (prototype !== Object.prototype && prototype !== null) return value;
		const copied: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(value)) copied[key] = copy(entry);
		return copied as T;
	}
	return value;
}

/**
 * Parameter readers for the items of one execution. n8n 2.x evaluates parameters in an isolated VM, so every
 * `getNodeParameter` call costs, expression or not. A parameter whose saved value holds no expression is read
 * through `getNodeParameter` once (n8n still fills its defaults, resolves and validates it) and each item gets a
 * copy; a parameter that holds one, one read per item as before. A parameter missing from the saved ones (left at
 * its default) is read once per fallback a caller passes; a dotted path is read per item.
 */
export function executionParameterReader(
	context: Pick<IExecuteFunctions, 'getNodeParameter'>,
	saved: INodeParameters,
): (itemIndex: number) => ParameterReader {
	const resolved = new Map<string, unknown>();
	const perItem = (name: string) => /[.[]/.test(name) || holdsExpression(saved[name]);
	return (itemIndex) =>
		<T>(name: string, fallback: T): T => {
			if (perItem(name)) return context.getNodeParameter(name, itemIndex, fallback) as T;
			// A parameter left at its default is not saved: its value is the description's default, or the fallback
			// this caller passes, the same for every item.
			const key = saved[name] === undefined ? `${name}\u0000${JSON.stringify(fallback)}` : name;
			if (!resolved.has(key)) {
				// Read with this item's index: a value n8n refuses is then reported on the item that read it first
				// (and, not cached, on every later item too).
				resolved.set(key, context.getNodeParameter(name, itemIndex, fallback));
			}
			return copy(resolved.get(key)) as T;
		};
}
