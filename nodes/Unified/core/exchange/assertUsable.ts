import type { IBinaryData } from 'n8n-workflow';

import { detectBodyError } from '../response/bodyError';
import { isSuccessStatus } from '../response/readResponse';
import { summarizeHttpError } from '../response/upstreamError';
import { PassthroughFailure } from '../shared/failure';
import { attemptsNote } from '../dispatch/withRetry';
import type { ExchangeResult } from './exchange';
import type { ItemOptions } from '../runtime/options';

/** Throws when the response is an error the user did not ask to receive as output. */
export function assertUsable(
	response: ExchangeResult<IBinaryData>,
	options: ItemOptions,
	connectionId: string,
	path: string,
): void {
	// 304 Not Modified answers a conditional request the user sent (If-None-Match): a result, not a failure.
	if (!isSuccessStatus(response.statusCode) && response.statusCode !== 304) {
		if (options.neverError) return;
		const summary = summarizeHttpError({
			statusCode: response.statusCode,
			headers: response.headers,
			body: response.body,
			connectionId,
			path,
		});
		throw new PassthroughFailure(
			summary.message + attemptsNote(response.attempts, response.waitedMs),
			{
				description: summary.description,
				statusCode: response.statusCode,
				body: response.body,
			},
		);
	}
	if (options.failOnBodyError && response.kind === 'json') {
		const bodyError = detectBodyError(response.body);
		if (bodyError) {
			throw new PassthroughFailure(bodyError.message, {
				description: bodyError.description,
				statusCode: response.statusCode,
				body: response.body,
			});
		}
	}
}
