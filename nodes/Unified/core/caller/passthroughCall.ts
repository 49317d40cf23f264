import { systemClock } from '../call/systemClock';
import type { Clock, Call } from '../call/call';
import { withFlowControl } from '../call/withFlowControl';
import { withRetry, type RetryOutcome } from '../call/withRetry';
import type { RequestSpec } from '../request/requestSpec';
import {
	readResponse,
	type BinaryStore,
	type ReadOptions,
	type ReadResponse,
} from '../response/readResponse';
import type { ExecutionFlow } from '../transport/flow/executionFlow';
import { callFailure } from '../errors/networkFailure';
import type { RetrySettings } from '../transport/retryPolicy';
import { send, type SendContext } from '../transport/send';

/** How one connection's calls go out in one execution: where to, through which flow, into which store. */
export interface CallChannel<TBinary> {
	send: SendContext;
	/** The execution's access to the per-connection flow controllers. */
	flow: ExecutionFlow;
	storeBinary: BinaryStore<TBinary>;
	/** Aborts waits and requests: the execution's cancel signal, or a fail-fast stop. */
	signal?: AbortSignal;
	clock?: Clock;
	random?: () => number;
}

/** One call's context: its connection's channel, its retry settings, how its body is read. */
export interface CallContext<TBinary> extends CallChannel<TBinary> {
	retry: RetrySettings;
	/** How response bodies are read (format, limits, the key to redact). */
	reading: Omit<ReadOptions, 'path'>;
}

export type CallResult<TBinary> = ReadResponse<TBinary> & RetryOutcome;

/** One attempt through the passthrough: send, then read the response (into the binary store for files). */
function passthroughAttempt<TBinary>(context: CallContext<TBinary>): Call<ReadResponse<TBinary>> {
	return async (spec) => {
		const sentAt = Date.now();
		const response = await send(spec, context.send);
		const headersMs = Date.now() - sentAt;
		const read = await readResponse(
			response,
			{ ...context.reading, path: spec.path },
			context.storeBinary,
		);
		return { ...read, headersMs };
	};
}

/**
 * The passthrough's call: attempts through the connection's flow controller, retried per the policy. A slot
 * is held only while a request is in flight (send and read), never during a wait; a 429 pauses the connection
 * and the retry queues in call order.
 */
export function passthroughCall<TBinary>(context: CallContext<TBinary>): Call<CallResult<TBinary>> {
	// Looked up once per call: every attempt and every 429's stall check use the same controller.
	const connection = context.flow.connection(context.send.connectionId);
	const retry = withRetry<ReadResponse<TBinary>>({
		retry: context.retry,
		clock: context.clock ?? systemClock,
		rateLimits: { lastProgressAt: () => connection.lastProgressAt },
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
	const controlled = withFlowControl<ReadResponse<TBinary>>({
		connection,
		budget: context.flow.budget,
		maxWaitMs: context.retry.maxWaitMs,
		signal: context.signal,
	});
	return retry(controlled(passthroughAttempt(context)));
}

/** One logical call through the passthrough. */
export async function callPassthrough<TBinary>(
	spec: RequestSpec,
	context: CallContext<TBinary>,
): Promise<CallResult<TBinary>> {
	return await passthroughCall(context)(spec);
}
