import { ParameterError } from '../shared/parameterError';
import type { ItemRecord } from './types';

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An item's body is its record, or a whole batch body of one record: `{"inputs": [record], ...shared}`. The second
 * form carries fields that belong to the call, not to a record (HubSpot read's `properties`, `idProperty`).
 */
export function envelopeRecord(body: unknown, field: string, itemIndex: number): ItemRecord {
	if (!isObject(body) || !(field in body)) return { record: body, shared: {} };
	const { [field]: list, ...shared } = body;
	if (!Array.isArray(list) || list.length !== 1) {
		throw new ParameterError(
			'jsonBody',
			`With batching on, each item's body is one record; item ${itemIndex} has "${field}" with ${Array.isArray(list) ? list.length : 'no'} entries instead of exactly one (the node builds "${field}" from all items of a batch)`,
		);
	}
	return { record: list[0], shared };
}

/** The fields of an object as text, for correlating results with their records. */
export function text(value: unknown): string | undefined {
	return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}
