import { systemClock } from '../dispatch/systemClock';
import type { Clock, Dispatch } from '../dispatch/types';
import { withLimiter } from '../dispatch/withLimiter';
import { withRetry, type RetryOutcome } from '../dispatch/withRetry';
import type { RequestSpec } from '../request/types';
import {
	readResponse,
	type BinaryStore,
	type ReadOptions,
	type ReadResponse,
} from '../response/readResponse';
import type { RequestLimiter } from '../transport/limiter';
import { callFailure } from '../transport/networkError';
import type { RetrySettings } from '../transport/retryPolicy';
import { send, type SendContext } from '../transport/send';

export interface ExchangeContext<TBinary> {
	send: SendContext;
	limiter: RequestLimiter;
	retry: RetrySettings;
	/** How response bodies are read (format, limits, the key to redact). */
	reading: Omit<ReadOptions, 'path'>;
	storeBinary: BinaryStore<TBinary>;
	/** Aborts waits and requests: the execution's cancel signal, or a fail-fast stop. */
	signal?: AbortSignal;
	clock?: Clock;
	random?: () => number;
}

export type ExchangeResult<TBinary> = ReadResponse<TBinary> & RetryOutcome;

/** One attempt through the passthrough: send, then read the response (into the binary store for files). */
function passthroughAttempt<TBinary>(
	context: ExchangeContext<TBinary>,
): Dispatch<ReadResponse<TBinary>> {
	return async (spec) =>
		readResponse(
			await send(spec, context.send),
			{ ...context.reading, path: spec.path },
			context.storeBinary,
		);
}

/**
 * The passthrough's dispatch: attempts under the concurrency limit, retried per the policy. A limiter slot is
 * held only while a request is in flight (send and read), never during a backoff wait.
 */
export function passthroughDispatch<TBinary>(
	context: ExchangeContext<TBinary>,
): Dispatch<ExchangeResult<TBinary>> {
	const retry = withRetry<ReadResponse<TBinary>>({
		retry: context.retry,
		clock: context.clock ?? systemClock,
		signal: context.signal,
		random: context.random,
		describeFailure: (error, spec) =>
			callFailure(error, {
				connectionId: context.send.connectionId,
				path: spec.path,
				headersTimeoutMs: context.send.headersTimeoutMs,
				bodyTimeoutMs: context.send.bodyTimeoutMs,
			}),
	});
	return retry(withLimiter<ReadResponse<TBinary>>(context.limiter)(passthroughAttempt(context)));
}

/** One logical call through the passthrough. */
export async function exchange<TBinary>(
	spec: RequestSpec,
	context: ExchangeContext<TBinary>,
): Promise<ExchangeResult<TBinary>> {
	return await passthroughDispatch(context)(spec);
}
