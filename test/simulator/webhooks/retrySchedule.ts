/** Fibonacci(n) for n >= 1: 1, 1, 2, 3, 5, 8 ... */
function fibonacci(n: number): number {
	let [previous, current] = [0, 1];
	for (let step = 1; step < n; step++) [previous, current] = [current, previous + current];
	return current;
}

/**
 * How long before the `retry`-th retry (1-based): Unified waits 1, 2, 3, 5, 8, 13, 21 ... minutes (Fibonacci from
 * its second 1); the simulator waits as many `unitMs`.
 */
export function retryDelayMs(retry: number, unitMs: number): number {
	return fibonacci(retry + 1) * unitMs;
}

const MAX_TIMER_MS = 2_147_483_647;

/** A timer's delay as Node can keep it: beyond 2^31 - 1 ms Node would fire after 1 ms, so it waits that long. */
export function timerMs(ms: number): number {
	return Math.min(Math.max(ms, 1), MAX_TIMER_MS);
}
