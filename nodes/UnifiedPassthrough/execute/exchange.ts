import type { RequestSpec } from '../request/types';
import { ParameterError } from '../shared/parameterError';
import { readResponse, type BinaryStore, type ReadOptions, type ReadResponse } from '../response/readResponse';
import { PassthroughFailure } from '../shared/failure';
import { localFailure } from '../shared/localFailure';
import { sleep } from '../shared/sleep';
import { seconds } from '../shared/values';
import type { RequestLimiter } from '../transport/limiter';
import { networkFailure } from '../transport/networkError';
import { decideHttpRetry, decideNetworkRetry, type RetrySettings } from '../transport/retryPolicy';
import { send, type SendContext } from '../transport/send';

export interface ExchangeContext<TBinary> {
	send: SendContext;
	limiter: RequestLimiter;
	retry: RetrySettings;
	read: Omit<ReadOptions, 'path'>;
	storeBinary: BinaryStore<TBinary>;
	/** Aborts waits and requests: the execution's cancel signal, or a fail-fast stop. */
	signal?: AbortSignal;
	random?: () => number;
}

export interface ExchangeResult<TBinary> extends ReadResponse<TBinary> {
	attempts: number;
	waitedMs: number;
}

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
	return signal?.aborted === true || (error as { name?: string })?.name === 'AbortError';
}

/** How a failed call went, for the final error: "(4 attempts, waited 1.5 s in all)"; empty after one attempt. */
export function attemptsNote(attempts: number, waitedMs: number): string {
	return attempts > 1 ? ` (${attempts} attempts, waited ${seconds(waitedMs)} in all)` : '';
}

/**
 * One logical call: attempts under the concurrency limit, retried per the policy. A slot is held only while a
 * request is in flight (send and read), never during a backoff wait.
 */
export async function exchange<TBinary>(
	spec: RequestSpec,
	context: ExchangeContext<TBinary>,
): Promise<ExchangeResult<TBinary>> {
	const readOptions: ReadOptions = { ...context.read, path: spec.path };
	let waitedMs = 0;
	for (let attempt = 1; ; attempt++) {
		let response: ReadResponse<TBinary>;
		try {
			response = await context.limiter.run(async () =>
				readResponse(await send(spec, context.send), readOptions, context.storeBinary),
			);
		} catch (error) {
			if (error instanceof PassthroughFailure || error instanceof ParameterError) throw error;
			if (isAbort(error, context.signal)) throw error;
			const decision = decideNetworkRetry(error, spec.method, attempt, context.retry, context.random);
			if (!decision.retry) {
				const where = { connectionId: context.send.connectionId, path: spec.path };
				const failure =
					networkFailure(error, {
						...where,
						headersTimeoutMs: context.send.headersTimeoutMs,
						bodyTimeoutMs: context.send.bodyTimeoutMs,
					}) ?? localFailure(error, where);
				failure.message += attemptsNote(attempt, waitedMs);
				throw failure;
			}
			await sleep(decision.waitMs, context.signal);
			waitedMs += decision.waitMs;
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
			await sleep(decision.waitMs, context.signal);
			waitedMs += decision.waitMs;
			continue;
		}
		if (decision.askedMs !== undefined) {
			throw new PassthroughFailure(
				`The server asked to wait ${seconds(decision.askedMs)} before retrying (status ${response.statusCode}), more than the ${seconds(context.retry.maxWaitMs)} "Max Wait" allows; not retried${attemptsNote(attempt, waitedMs)}`,
				{
					description: 'Raise "Max Wait" under Retry to wait that long, or run the workflow later.',
					statusCode: response.statusCode,
					body: response.body,
				},
			);
		}
		return { ...response, attempts: attempt, waitedMs };
	}
}
