import type { RequestSpec } from '../request/requestSpec';
import { PassthroughFailure } from '../errors/passthroughFailure';
import { ParameterError } from '../errors/parameterError';
import { seconds } from '../shared/values';
import {
	decideHttpRetry,
	decideNetworkRetry,
	requestedWaitMs,
	type RetrySettings,
} from '../transport/retryPolicy';
import { newCall, type CallInfo, type Clock, type Call, type HttpOutcome } from './call';

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
	/**
	 * Set when a flow controller sits inside: it pauses the connection on a 429 and queues the retry, so a 429
	 * is retried without a wait of its own and without counting against Max Retries, for as long as the
	 * connection makes progress.
	 */
	rateLimits?: { lastProgressAt(): number };
}

/** How a failed call went, for the final error: "(4 attempts, waited 1.5 s in all)"; empty after one attempt. */
export function attemptsNote(attempts: number, waitedMs: number): string {
	return attempts > 1 ? ` (${attempts} attempts, waited ${seconds(waitedMs)} in all)` : '';
}

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
	return signal?.aborted === true || (error as { name?: string })?.name === 'AbortError';
}

function askedTooLong<TResponse extends HttpOutcome>(
	response: TResponse,
	askedMs: number,
	maxWaitMs: number,
	note: string,
): PassthroughFailure {
	return new PassthroughFailure(
		`The server asked to wait ${seconds(askedMs)} before retrying (status ${response.statusCode}), more than the ${seconds(maxWaitMs)} "Max Wait" allows; not retried${note}`,
		{
			description: 'Raise "Max Wait" under Retry to wait that long, or run the workflow later.',
			statusCode: response.statusCode,
			body: response.body,
		},
	);
}

function stalled<TResponse extends HttpOutcome>(
	response: TResponse,
	stallMs: number,
	note: string,
): PassthroughFailure {
	return new PassthroughFailure(
		`Rate limited (status 429), and no call to this connection has succeeded for ${seconds(stallMs)}: gave up${note}`,
		{
			description:
				'The API refused every call on this connection for the whole "Rate Limit Stall" time under Retry. Check its quota (a daily limit runs out until the next day), raise "Rate Limit Stall", or run the workflow later.',
			statusCode: response.statusCode,
			body: response.body,
		},
	);
}

/**
 * Retries the inner call per the policy: statuses and network failures, waits from Retry-After or backoff.
 * Under a flow controller a 429 is the connection's to handle (see `rateLimits`).
 */
export function withRetry<TResponse extends HttpOutcome>(context: RetryContext) {
	const now = () => context.clock.now();
	return (inner: Call<TResponse>): Call<TResponse & RetryOutcome> =>
		async (spec, given?: CallInfo) => {
			const call = given ?? newCall(now());
			let waitedMs = 0;
			const wait = async (ms: number) => {
				await context.clock.sleep(ms, context.signal);
				waitedMs += ms;
			};
			let rateLimited = 0;
			for (let attempt = 1; ; attempt++) {
				// Max Retries counts the retries of failures, not of 429s under a flow controller.
				const counted = attempt - rateLimited;
				const queuedBefore = call.queuedMs;
				let outcome: { response: TResponse } | { error: unknown };
				try {
					outcome = { response: await inner(spec, call) };
				} catch (error) {
					outcome = { error };
				}
				// A retry's time in the connection's queue is its wait.
				if (attempt > 1) waitedMs += call.queuedMs - queuedBefore;
				if ('error' in outcome) {
					const { error } = outcome;
					// Already the user's error (a parameter, an upstream answer), or a cancel: nothing to retry.
					if (error instanceof PassthroughFailure || error instanceof ParameterError) throw error;
					if (isAbort(error, context.signal)) throw error;
					const decision = decideNetworkRetry(
						error,
						spec.method,
						counted,
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
				const { response } = outcome;
				if (response.statusCode === 429 && context.rateLimits && context.retry.retryOn.has(429)) {
					const askedMs = requestedWaitMs(response.headers);
					if (askedMs !== undefined && askedMs > context.retry.maxWaitMs)
						throw askedTooLong(
							response,
							askedMs,
							context.retry.maxWaitMs,
							attemptsNote(attempt, waitedMs),
						);
					const progressAt = Math.max(context.rateLimits.lastProgressAt(), call.startedAt);
					if (now() - progressAt >= context.retry.rateLimitStallMs)
						throw stalled(
							response,
							context.retry.rateLimitStallMs,
							attemptsNote(attempt, waitedMs),
						);
					rateLimited++;
					continue;
				}
				const decision = decideHttpRetry(
					response.statusCode,
					spec.method,
					response.headers,
					counted,
					context.retry,
					context.random,
				);
				if (decision.retry) {
					await wait(decision.waitMs);
					continue;
				}
				if (decision.askedMs !== undefined)
					throw askedTooLong(
						response,
						decision.askedMs,
						context.retry.maxWaitMs,
						attemptsNote(attempt, waitedMs),
					);
				return { ...response, attempts: attempt, waitedMs };
			}
		};
}
