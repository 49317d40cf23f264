import type { ConnectionFlow } from '../transport/flow/connectionFlow';
import type { ExecutionBudget } from '../transport/flow/executionBudget';
import { newCall, type Call, type HttpOutcome } from './call';

export interface FlowControlContext {
	/** The connection's controller, shared by every execution of the process. */
	connection: ConnectionFlow;
	/** This execution's own Concurrency and Request Interval. */
	budget: ExecutionBudget;
	/** The call's "Max Wait": no pause a response of it causes is longer, and no pause holds it longer. */
	maxWaitMs: number;
	signal?: AbortSignal;
}

/**
 * Holds a slot of the connection's flow controller while the inner call runs (send and read), and reports
 * each response to it: its status, quota headers and latency set the connection's pace for every execution.
 */
export function withFlowControl<TResponse extends HttpOutcome>(context: FlowControlContext) {
	return (inner: Call<TResponse>): Call<TResponse> =>
		async (spec, call) => {
			const queuedAt = Date.now();
			const permit = await context.connection.acquire(
				context.budget,
				(call ?? newCall(queuedAt)).seq,
				context.signal,
				context.maxWaitMs,
			);
			const startedAt = Date.now();
			if (call) call.queuedMs += startedAt - queuedAt;
			let response: TResponse;
			try {
				response = await inner(spec, call);
			} catch (error) {
				permit.release();
				throw error;
			}
			permit.release({
				statusCode: response.statusCode,
				headers: response.headers,
				latencyMs: response.headersMs ?? Date.now() - startedAt,
				maxWaitMs: context.maxWaitMs,
			});
			return response;
		};
}
