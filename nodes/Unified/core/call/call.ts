import type { RequestSpec } from '../request/requestSpec';

/**
 * One call: a request in, a response out. Concerns wrap an inner call the way undici composes interceptors
 * (`withRetry(...)(withFlowControl(...)(attempt))`), so each one is tested alone with a fake inner call.
 */
export type Call<TResponse> = (spec: RequestSpec, call?: CallInfo) => Promise<TResponse>;

/** One logical call across its attempts, as the wrappers around it see it. */
export interface CallInfo {
	/** Orders the call's attempts in the connection's queue: a retry keeps its first number and goes ahead. */
	seq: number;
	/** When the first attempt was made. */
	startedAt: number;
	/** Time the attempts spent queued for a slot (a rate-limit pause included). */
	queuedMs: number;
}

let lastSeq = 0;

export function newCall(now: number): CallInfo {
	return { seq: ++lastSeq, startedAt: now, queuedMs: 0 };
}

/** What a wrapper needs of a response to decide about it. */
export interface HttpOutcome {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body?: unknown;
	/** Time to the response headers, when the attempt measured it. */
	headersMs?: number;
}

/** Time, injected: the system's in production, a fake one in unit tests (no timed waits). */
export interface Clock {
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
	now(): number;
}
