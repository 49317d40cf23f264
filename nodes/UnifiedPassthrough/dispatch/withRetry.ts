import type { RequestSpec } from '../request/types';
import { PassthroughFailure } from '../shared/failure';
import { ParameterError } from '../shared/parameterError';
import { seconds } from '../shared/values';
import { decideHttpRetry, decideNetworkRetry, type RetrySettings } from '../transport/retryPolicy';
import type { Clock, Dispatch, HttpOutcome } from './types';

export interface RetryOutcome {
	attempts: number;
	waitedMs: number;
}

export interface RetryContext {
	retry: RetrySettings;
	clock: Clock;
	/** Aborts waits: the execution's cancel signal, or a fail-fast stop. */
	signal?: AbortSignal;
	random?: () => number;
	/** The error a thrown failure becomes once it is not retried (network, timeout, local...). */
	describeFailure(error: unknown, spec: RequestSpec): Error;
}

/** How a failed call went, for the final error: "(4 attempts, waited 1.5 s in all)"; empty after one attempt. */
export function attemptsNote(attempts: number, waitedMs: number): string {
	return attempts > 1 ? ` (${attempts} attempts, waited ${seconds(waitedMs)} in all)` : '';
}

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
	return signal?.aborted === true || (error as { name?: string })?.name === 'AbortError';
}

/** Retries the inner dispatch per the policy: statuses and network failures, waits from Retry-After or backoff. */
export function withRetry<TResponse extends HttpOutcome>(context: RetryContext) {
	return (inner: Dispatch<TResponse>): Dispatch<TResponse & RetryOutcome> =>
		async (spec) => {
			let waitedMs = 0;
			const wait = async (ms: number) => {
				await context.clock.sleep(ms, context.signal);
				waitedMs += ms;
			};
			for (let attempt = 1; ; attempt++) {
				let response: TResponse;
				try {
					response = await inner(spec);
				} catch (error) {
					// Already the user's error (a parameter, an upstream answer), or a cancel: nothing to retry.
					if (error instanceof PassthroughFailure || error instanceof ParameterError) throw error;
					if (isAbort(error, context.signal)) throw error;
					const decision = decideNetworkRetry(
						error,
						spec.method,
						attempt,
						context.retry,
						context.random,
					);
					if (!decision.retry) {
						const failure = context.describeFailure(error, spec);
						failure.message += attemptsNote(attempt, waitedMs);
						throw failure;
					}
					await wait(decision.waitMs);
					continue;
				}
				const decision = decideHttpRetry(
					response.statusCode,
					spec.method,
					response.headers,
					attempt,
					context.retry,
					context.random,
				);
				if (decision.retry) {
					await wait(decision.waitMs);
					continue;
				}
				if (decision.askedMs !== undefined) {
					throw new PassthroughFailure(
						`The server asked to wait ${seconds(decision.askedMs)} before retrying (status ${response.statusCode}), more than the ${seconds(context.retry.maxWaitMs)} "Max Wait" allows; not retried${attemptsNote(attempt, waitedMs)}`,
						{
							description:
								'Raise "Max Wait" under Retry to wait that long, or run the workflow later.',
							statusCode: response.statusCode,
							body: response.body,
						},
					);
				}
				return { ...response, attempts: attempt, waitedMs };
			}
		};
}
