/** Where Auto starts: low, so a first burst of items cannot drain a small quota before the first answers arrive. */
export const INITIAL_LIMIT = 4;
/** The most requests Auto keeps in flight on one connection. */
export const AUTO_CEILING = 64;
/** Latency counts as rising when the recent average is this many times the long-run one. */
const LATENCY_TOLERANCE = 2;
const LATENCY_WARMUP_SAMPLES = 10;
const SHORT_WEIGHT = 0.1;
const LONG_WEIGHT = 0.01;
/** A burst of 429s from one moment is one signal: at most one cut per round trip (and per this long). */
const MIN_CUT_SPACING_MS = 100;

/**
 * How many requests one connection may have in flight: additive increase, multiplicative decrease (AIMD), with
 * slow start, as TCP does. Chosen over a gradient limiter (Netflix's Gradient2, Envoy's adaptive concurrency):
 * those steer by queueing delay, but SaaS APIs rate-limit by counting calls and answer 429 long before their
 * latency moves, and the calls of one connection mix endpoints (a search, a file) whose latencies differ by
 * orders of magnitude, so there is no stable baseline to steer by. The 429 (and 503) is the signal; latency is a
 * second, conservative one: a cut only when the recent average doubles the long-run one.
 */
export class AdaptiveLimit {
	private value: number;

	/** Slow start (one more per success) below it, one more per round trip above it. */
	private threshold: number;

	private shortLatency?: number;

	private longLatency?: number;

	private samples = 0;

	private lastCutAt = -Infinity;

	constructor(
		private readonly ceiling: number = AUTO_CEILING,
		initial: number = INITIAL_LIMIT,
	) {
		this.value = Math.min(initial, ceiling);
		this.threshold = ceiling;
	}

	get current(): number {
		return Math.max(1, Math.floor(this.value));
	}

	/**
	 * A call the API processed. `saturated`: the limit was what held requests back when it started; a limit that
	 * is not reached (few items, or a pace that spaces the starts) learns nothing about the API by growing.
	 */
	onSuccess(latencyMs: number, saturated: boolean, now: number): void {
		if (this.latencyRising(latencyMs)) {
			this.cut(now, 0.9);
			return;
		}
		if (!saturated) return;
		this.value += this.value < this.threshold ? 1 : 1 / this.value;
		this.value = Math.min(this.value, this.ceiling);
	}

	/** The API pushed back (429, 503). */
	onOverload(now: number): void {
		this.cut(now, 0.5);
	}

	private latencyRising(latencyMs: number): boolean {
		this.samples++;
		this.shortLatency = ewma(this.shortLatency, latencyMs, SHORT_WEIGHT);
		this.longLatency = ewma(this.longLatency, latencyMs, LONG_WEIGHT);
		return (
			this.samples >= LATENCY_WARMUP_SAMPLES &&
			this.shortLatency > LATENCY_TOLERANCE * this.longLatency
		);
	}

	private cut(now: number, factor: number): void {
		if (now - this.lastCutAt < Math.max(this.shortLatency ?? 0, MIN_CUT_SPACING_MS)) return;
		this.lastCutAt = now;
		this.value = Math.max(1, this.value * factor);
		this.threshold = this.value;
	}
}

function ewma(previous: number | undefined, sample: number, weight: number): number {
	return previous === undefined ? sample : previous + weight * (sample - previous);
}
