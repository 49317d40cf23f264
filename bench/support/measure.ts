const gc = () => (globalThis as { gc?: () => void }).gc?.();
const mb = (bytes: number) => bytes / 1024 / 1024;

/**
 * Runs `work` while sampling the RSS; returns its result, the time taken, the RSS before and at its peak, and what
 * stays on the heap after a GC while the result is still held (e.g. the output items).
 */
export async function measure<T>(work: () => Promise<T>): Promise<{
	result: T;
	ms: number;
	startRssMb: number;
	peakRssMb: number;
	heldMb: number;
}> {
	gc();
	const start = process.memoryUsage().rss;
	const startHeap = process.memoryUsage().heapUsed;
	let peak = start;
	const timer = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().rss);
	}, 10);
	const started = performance.now();
	const result = await work();
	const ms = performance.now() - started;
	clearInterval(timer);
	peak = Math.max(peak, process.memoryUsage().rss);
	gc();
	return {
		result,
		ms,
		startRssMb: mb(start),
		peakRssMb: mb(peak),
		heldMb: mb(process.memoryUsage().heapUsed - startHeap),
	};
}
