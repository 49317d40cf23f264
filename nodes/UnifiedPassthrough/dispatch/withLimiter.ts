import type { RequestLimiter } from '../transport/limiter';
import type { Dispatch } from './types';

/** Holds a limiter slot while the inner dispatch runs (send and read), never during a wait around it. */
export function withLimiter<TResponse>(limiter: RequestLimiter) {
	return (inner: Dispatch<TResponse>): Dispatch<TResponse> =>
		(spec) =>
			limiter.run(() => inner(spec));
}
