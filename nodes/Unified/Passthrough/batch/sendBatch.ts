import type { ConnectionCaller } from '../../core/caller/connectionCaller';
import { toJsonObject } from '../execute/output';
import type { ItemOptions } from '../../core/runtime/options';
import { fixed } from '../../core/request/body';
import type { RequestSpec } from '../../core/request/requestSpec';
import type { PassthroughFailure } from '../../core/errors';
import type { ItemOutcome } from '../../core/runtime/runUnits';
import type { BatchSettings } from './batchSettings';
import type { BatchOperation, RecordOutcome } from './batchMode';

/** Everything the items of one batch share: where the call goes and how it is made. */
export interface BatchCall {
	connectionId: string;
	/** Method, path, query and headers; the body is built from the records. */
	spec: Omit<RequestSpec, 'body'>;
	shared: Record<string, unknown>;
	settings: BatchSettings;
	operation: BatchOperation;
	options: ItemOptions;
	caller: ConnectionCaller;
}

export interface BatchRecord {
	itemIndex: number;
	record: unknown;
}

/** Whole-call statuses after which nothing was written by an all-or-nothing endpoint: worth splitting. */
const SPLITTABLE = new Set([400, 409]);

/** One call with these records: an outcome per record, or the failure of the call as a whole. */
async function callOnce(
	call: BatchCall,
	records: unknown[],
): Promise<{ outcomes: RecordOutcome[] } | { failure: PassthroughFailure }> {
	const { operation, settings } = call;
	const payload = JSON.stringify(settings.mode.body(records, call.shared, operation));
	const answer = await call.caller.outcome(
		{ ...call.spec, body: fixed(payload, 'application/json; charset=utf-8') },
		// A batch update is a POST, yet safe to send again: the operation decides, not the method.
		{ format: 'json', accept: 'success', repeatable: operation.repeatable },
	);
	if ('failure' in answer) return answer;
	const { response } = answer;
	return {
		outcomes: settings.mode.correlate(
			{ statusCode: response.statusCode, body: response.body },
			records,
			call.shared,
			operation,
		),
	};
}

function splittable(call: BatchCall, failure: PassthroughFailure, size: number): boolean {
	return (
		size > 1 &&
		call.operation.splitOnWholeFailure === true &&
		SPLITTABLE.has(failure.details.statusCode ?? 0)
	);
}

/**
 * Sends the records; when an all-or-nothing call fails as a whole, nothing was written, so it sends each half
 * again (and so on) until only the records that fail on their own are left, each with its own error.
 */
async function sendIsolating(call: BatchCall, records: unknown[]): Promise<RecordOutcome[]> {
	const answer = await callOnce(call, records);
	if ('outcomes' in answer) return answer.outcomes;
	if (!splittable(call, answer.failure, records.length)) throw answer.failure;
	const middle = Math.ceil(records.length / 2);
	const halves = await Promise.all(
		[records.slice(0, middle), records.slice(middle)].map(async (half) => {
			try {
				return await sendIsolating(call, half);
			} catch (partError) {
				return half.map((): RecordOutcome => ({ error: partError }));
			}
		}),
	);
	return halves.flat();
}

/** One batch of items: one call (more when isolating failures), one outcome per item, in the batch's order. */
export async function sendBatch(call: BatchCall, items: BatchRecord[]): Promise<ItemOutcome[]> {
	const outcomes = await sendIsolating(
		call,
		items.map(({ record }) => record),
	);
	return outcomes.map((outcome, position): ItemOutcome => {
		if ('error' in outcome) return { error: outcome.error };
		const item = items[position].itemIndex;
		const json = toJsonObject(outcome.result, call.options.outputPropertyName);
		return { output: [{ json, pairedItem: { item } }] };
	});
}
