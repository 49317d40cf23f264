/** The longest delay one Node.js timer holds; a longer one fires after 1 ms instead. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export function abortError(signal?: AbortSignal): Error {
	const reason: unknown = signal?.reason;
	if (reason instanceof Error) return reason;
	const error = new Error('The operation was aborted');
	error.name = 'AbortError';
	return error;
}

function wait(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise<void>((resolve, reject) => {
		const onAbort = () => {
			clearTimeout(timer);
			reject(abortError(signal));
		};
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}

/**
 * A wait that ends early, with an AbortError, when the signal aborts. Any length is honoured: a wait beyond one
 * timer's reach is a chain of timers (an infinite one ends only on abort). NaN and negative waits end at once.
 */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	if (signal?.aborted) throw abortError(signal);
	let remaining = ms;
	while (remaining > 0) {
		const step = Math.min(remaining, MAX_TIMER_MS);
		await wait(step, signal);
		remaining -= step;
	}
}
