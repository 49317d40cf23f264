import { splitPath } from '../../core/shared/jsonPath';
import { ParameterError } from '../../core/errors';
import type { ItemRecord } from './batchMode';

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at `segments` (own fields of plain objects only) and a copy of `node` without it. */
function detach(
	node: unknown,
	segments: string[],
): { value: unknown; rest: Record<string, unknown> } | undefined {
	const [key, ...more] = segments;
	if (!isObject(node) || !Object.prototype.hasOwnProperty.call(node, key)) return undefined;
	if (more.length === 0) {
		const { [key]: value, ...rest } = node;
		return { value, rest };
	}
	const inner = detach(node[key], more);
	return inner && { value: inner.value, rest: { ...node, [key]: inner.rest } };
}

/**
 * An item's body is its record, or a whole batch body of one record: `{"inputs": [record], ...shared}`, or with a
 * dotted path `{"data": {"records": [record], ...}, ...}`. The second form carries fields that belong to the call,
 * not to a record (HubSpot read's `properties`, `idProperty`); the path is read as the batch body writes it.
 */
export function envelopeRecord(body: unknown, path: string, itemIndex: number): ItemRecord {
	const found = detach(body, splitPath(path));
	if (!found) return { record: body, shared: {} };
	const list = found.value;
	if (!Array.isArray(list) || list.length !== 1) {
		throw new ParameterError(
			'jsonBody',
			`With batching on, each item's body is one record; item ${itemIndex} has "${path}" with ${Array.isArray(list) ? list.length : 'no'} entries instead of exactly one (the node builds "${path}" from all items of a batch)`,
		);
	}
	return { record: list[0], shared: found.rest };
}

/** The fields of an object as text, for correlating results with their records. */
export function text(value: unknown): string | undefined {
	return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}
