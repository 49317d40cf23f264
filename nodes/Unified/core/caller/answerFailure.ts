import { detectBodyError } from '../errors/bodyError';
import { isSuccessStatus } from '../response/readResponse';
import { summarizeHttpError } from '../errors/upstreamError';
import { PassthroughFailure } from '../errors/passthroughFailure';
import { attemptsNote } from '../call/withRetry';
import type { CallResult } from './passthroughCall';
import type { ItemOptions } from '../runtime/options';

/** The failure of an answer with an error status: the upstream's message, how many attempts it took. */
export function statusFailure(
	response: CallResult<unknown>,
	connectionId: string,
	path: string,
): PassthroughFailure {
	const summary = summarizeHttpError({
		statusCode: response.statusCode,
		headers: response.headers,
		body: response.body,
		connectionId,
		path,
	});
	return new PassthroughFailure(
		summary.message + attemptsNote(response.attempts, response.waitedMs),
		{
			description: summary.description,
			statusCode: response.statusCode,
			body: response.body,
		},
	);
}

/** Why the response is an error the user did not ask to receive as output; undefined when it is usable. */
export function unusableFailure(
	response: CallResult<unknown>,
	options: Pick<ItemOptions, 'neverError' | 'failOnBodyError'>,
	connectionId: string,
	path: string,
): PassthroughFailure | undefined {
	// 304 Not Modified answers a conditional request the user sent (If-None-Match): a result, not a failure.
	if (!isSuccessStatus(response.statusCode) && response.statusCode !== 304) {
		return options.neverError ? undefined : statusFailure(response, connectionId, path);
	}
	if (options.failOnBodyError && response.kind === 'json') {
		const bodyError = detectBodyError(response.body);
		if (bodyError) {
			return new PassthroughFailure(bodyError.message, {
				description: bodyError.description,
				statusCode: response.statusCode,
				body: response.body,
			});
		}
	}
	return undefined;
}
