import type { Reply, Upstream } from '../types';

export interface FixedRate {
	/** Calls accepted in any one-second window; the rest answer the upstream's 429 at once. */
	callsPerSecond: number;
	/** How long each accepted call takes. */
	latencyMs: number;
}

/**
 * A fixed per-connection rate limit in front of an upstream (a sliding one-second window), for benchmarks that need
 * an API that pushes back. Its 429s are counted as calls, as a real API's are.
 */
export function withFixedRate(upstream: Upstream, rate: FixedRate, limited: () => Reply): Upstream {
	const accepted = new Map<string, number[]>();
	return async (request) => {
		const now = Date.now();
		const recent = (accepted.get(request.connection.id) ?? []).filter((at) => now - at < 1000);
		if (recent.length >= rate.callsPerSecond) {
			accepted.set(request.connection.id, recent);
			return limited();
		}
		recent.push(now);
		accepted.set(request.connection.id, recent);
		await new Promise((resolve) => setTimeout(resolve, rate.latencyMs));
		return await upstream(request);
	};
}
