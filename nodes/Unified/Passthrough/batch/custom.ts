import { getPath, unsafeSegment, withPath } from '../../core/shared/jsonPath';
import { ParameterError, PassthroughFailure } from '../../core/errors';
import { envelopeRecord, isObject, text } from './recordEnvelope';
import type { BatchMode, RecordOutcome } from './batchMode';

/** The most records the node puts in one custom call: a guard, not an API's limit. */
const CUSTOM_MAX_SIZE = 1000;

function present(value: unknown): boolean {
	return value !== undefined && value !== null && value !== false && value !== '';
}

/**
 * The rule for a failed record: a result object with `success: false` or `ok: false`, or with an `error` field that
 * holds anything (not null, false or empty). Its message: `error` (text or `.message`), else the first of
 * `errors[]`, else a plain note.
 */
export function customOutcome(result: unknown, statusCode: number): RecordOutcome {
	if (!isObject(result)) return { result };
	if (result.success !== false && result.ok !== false && !present(result.error)) return { result };
	const error = result.error;
	const first = Array.isArray(result.errors) ? result.errors[0] : undefined;
	const message =
		text(error) ??
		(isObject(error) ? text(error.message) : undefined) ??
		text(first) ??
		(isObject(first) ? text(first.message) : undefined) ??
		'The API reported this record as failed';
	return { error: new PassthroughFailure(message, { statusCode, recordDetails: result }) };
}

export function customMode(arrayPath: string, resultsPath: string): BatchMode {
	for (const [name, path] of [
		['options.batching.arrayPath', arrayPath],
		['options.batching.resultsPath', resultsPath],
	]) {
		const segment = unsafeSegment(path);
		if (segment !== undefined)
			throw new ParameterError(
				name,
				`The path "${path}" has the part "${segment}", which is not allowed`,
			);
	}
	return {
		maxSize: CUSTOM_MAX_SIZE,
		operation: (method) => ({ name: method }),
		record: (body, _operation, itemIndex) =>
			arrayPath ? envelopeRecord(body, arrayPath, itemIndex) : { record: body, shared: {} },
		body: (records, shared) => (arrayPath ? withPath(shared, arrayPath, records) : records),
		correlate({ statusCode, body }, records) {
			const results = resultsPath ? getPath(body, resultsPath) : body;
			if (!Array.isArray(results) || results.length !== records.length) {
				throw new PassthroughFailure(
					`Expected ${records.length} results ${resultsPath ? `at "${resultsPath}"` : 'as the response body'}, one per record in order, but found ${Array.isArray(results) ? results.length : 'no list'}`,
					{
						statusCode,
						description:
							'Check "Results Path" under Batching: it must name the list of per-record results in the response.',
					},
				);
			}
			return results.map((result) => customOutcome(result, statusCode));
		},
	};
}
