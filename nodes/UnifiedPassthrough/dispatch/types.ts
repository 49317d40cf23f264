import type { RequestSpec } from '../request/types';

/**
 * One call: a request in, a response out. Concerns wrap an inner dispatch the way undici composes interceptors
 * (`withRetry(...)(withLimiter(...)(attempt))`), so each one is tested alone with a fake inner dispatch.
 */
export type Dispatch<TResponse> = (spec: RequestSpec) => Promise<TResponse>;

/** What a wrapper needs of a response to decide about it. */
export interface HttpOutcome {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body?: unknown;
}

/** Time, injected: the system's in production, a fake one in unit tests (no timed waits). */
export interface Clock {
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
}
