import { ParameterError } from '../../core/errors';
import type { BatchMode, BatchOperation } from './batchMode';

export interface ClaimingRecord {
	itemIndex: number;
	record: unknown;
	mode: BatchMode;
	operation: BatchOperation;
}

/**
 * The items whose record claims an id (HubSpot's `objectWriteTraceId`) that an earlier item already claims, each
 * with the error that refuses it before anything is sent. Two inputs sharing one such id cannot be told apart in
 * the answer: both would come back "neither a result nor an error" though written, and be sent again. Judged over
 * the whole execution, not per call, so that the outcome does not depend on Batch Size or on how items group.
 */
export function sharedIdErrors(records: ClaimingRecord[]): Map<number, ParameterError> {
	const firstClaim = new Map<string, number>();
	const errors = new Map<number, ParameterError>();
	for (const { itemIndex, record, mode, operation } of records) {
		const claim = mode.claimedId?.(record, operation);
		if (claim === undefined) continue;
		const key = JSON.stringify([claim.field, claim.value]);
		const earlier = firstClaim.get(key);
		if (earlier === undefined) {
			firstClaim.set(key, itemIndex);
			continue;
		}
		errors.set(
			itemIndex,
			new ParameterError(
				'jsonBody',
				`Item ${itemIndex}'s "${claim.field}" is ${JSON.stringify(claim.value)}, the same as item ${earlier}'s: the answer is paired with the records by this field, so each item needs its own (or leave it out and the node sets one)`,
			),
		);
	}
	return errors;
}
