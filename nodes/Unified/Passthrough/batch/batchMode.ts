import type { HttpMethod } from '../../core/request/requestSpec';

/** What one batch endpoint does, as far as sending it again and failing it go. */
export interface BatchOperation {
	/** `create`, `update`, `upsert`, `read`, `archive`, `retrieve`, or the method for custom batches. */
	name: string;
	/**
	 * Safe to send again after a 5xx or an ambiguous network failure, whatever the HTTP method says (a HubSpot
	 * batch update is a POST). Undefined: the method decides, as for any call.
	 */
	repeatable?: boolean;
	/**
	 * A 400 or 409 for the whole call means nothing was written (HubSpot's batch create is all-or-nothing), so the
	 * batch may be split and sent again to find the records that fail.
	 */
	splitOnWholeFailure?: boolean;
	/** Each record carries an id the answer returns with its result (HubSpot's `objectWriteTraceId`). */
	traced?: boolean;
}

/** One item's part of a batch: the record it adds, and the body fields every record of the call must share. */
export interface ItemRecord {
	record: unknown;
	shared: Record<string, unknown>;
}

export type RecordOutcome = { result: unknown } | { error: unknown };

/** One batching mode: which calls it batches, how records become one body, how the answer maps back to them. */
export interface BatchMode {
	/** The most records one call may carry (the API's own limit). */
	maxSize: number;
	/** The operation of this method and path, or a ParameterError when the mode cannot batch it. */
	operation(method: HttpMethod, path: string): BatchOperation;
	/**
	 * Splits one item's JSON body into its record and the shared fields. Generated ids are `runToken` (random, one
	 * per execution: nobody can guess it, not even from an earlier execution's output) plus `itemIndex`.
	 */
	record(body: unknown, operation: BatchOperation, itemIndex: number, runToken: string): ItemRecord;
	/**
	 * The id a record carries that the answer is paired by (HubSpot's `objectWriteTraceId`), as the field's name and
	 * its text. Two records that claim one id cannot be told apart in the answer.
	 */
	claimedId?(
		record: unknown,
		operation: BatchOperation,
	): { field: string; value: string } | undefined;
	/** The body of one call carrying `records`. */
	body(records: unknown[], shared: Record<string, unknown>, operation: BatchOperation): unknown;
	/** One outcome per record, in the order of `records`, from a 2xx answer. */
	correlate(
		answer: { statusCode: number; body: unknown },
		records: unknown[],
		shared: Record<string, unknown>,
		operation: BatchOperation,
	): RecordOutcome[];
}
