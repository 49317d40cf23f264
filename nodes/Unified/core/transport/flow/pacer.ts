import type { PaceSignal } from './paceHeaders';

/** After a bare 429, pace at this share of the rate the API was just serving. */
const LEARNED_SHARE = 0.9;
/** A learned pace rises by this share of its learned value per second without a 429, to find a quota that grew. */
const LEARNED_GROWTH_PER_SECOND = 0.05;
/** A learned pace is forgotten after this long without a 429. */
const LEARNED_MEMORY_MS = 30_000;
/** The pause after a stray bare 429, while no pace is learned; also the least pause after any 429. */
const STRAY_PAUSE_MS = 100;
/** The least pause after a 429 doubles per round of 429s with no success between, up to this. */
const MAX_FLOOR_MS = 1_000;
/** Bare 429s are a pace to learn once they are this share of the last answers. */
const LEARN_AT_LIMITED_SHARE = 0.2;
/** A pace is learned at most once in this time: the 429s of one burst are one signal. */
const RATE_WINDOW_MS = 1_000;
/** The rate served is measured over this many last answers: a count, not a time, so a slow pace has some. */
const RATE_SAMPLES = 20;
const MIN_RATE_SPAN_MS = 50;
/** Successes older than this say nothing about the API's pace now. */
const RATE_MEMORY_MS = 10_000;

/** What a 429 (or 503) carried. */
export interface Pushback {
	/** The wait the server asked for (Retry-After, retry-after-ms), when it asked. */
	askedMs?: number;
	pace?: PaceSignal;
	/** No pause may be longer: the asking call's "Max Wait". A longer ask fails that call and pauses nothing. */
	maxWaitMs: number;
	/** When the attempt that got it was sent: a 429 to a call sent before the last one arrived is the same round. */
	sentAt?: number;
}

/**
 * When the next request may start on one connection: pauses the API asked for, and a pace (a least time between
 * starts) read from the API's quota headers or, for an API that sends none, learned from its 429s. Pauses never
 * escalate: a bare 429 pauses one learned interval, not a doubling back-off, so the connection does not idle.
 */
export class Pacer {
	private pauseUntil = 0;

	private lastStartAt = -Infinity;

	/** From a quota with a known window, once half of it is used: its refill rate. */
	private headerSpacingMs = 0;

	/** Calls per second, found from bare 429s. */
	private learnedRate?: number;

	/** The pace as last learned, and when: growth is a share of it. */
	private learnedFrom = 0;

	private learnedAt = -Infinity;

	private lastLimitedAt = -Infinity;

	/** Rounds of 429s since the last success: each one doubles the least pause. */
	private limitedRounds = 0;

	private lastSuccessAt = -Infinity;

	/** Whether each of the last answers was a bare 429 (no Retry-After, no quota headers), oldest first. */
	private readonly outcomes: boolean[] = [];

	/** Times of the last answers the API processed, oldest first. */
	private readonly recent: number[] = [];

	spacingMs(): number {
		const learned = this.learnedRate ? 1000 / this.learnedRate : 0;
		return Math.max(this.headerSpacingMs, learned);
	}

	/** The earliest time the next request may start. */
	nextStartAt(): number {
		return Math.max(this.pauseUntil, this.lastStartAt + this.spacingMs());
	}

	onStart(now: number): void {
		this.lastStartAt = now;
	}

	/** A response the API processed; `inFlight` other calls may already be spending what it reports left. */
	onSuccess(now: number, pace: PaceSignal | undefined, inFlight: number, maxPauseMs: number): void {
		this.onAnswered(now);
		if (this.learnedRate !== undefined) {
			if (now - this.lastLimitedAt > LEARNED_MEMORY_MS) this.learnedRate = undefined;
			else {
				const seconds = Math.min(1, (now - this.lastSuccessAt) / 1000);
				this.learnedRate += this.learnedFrom * LEARNED_GROWTH_PER_SECOND * seconds;
			}
		}
		this.lastSuccessAt = now;
		this.limitedRounds = 0;
		if (pace) this.applyPace(now, pace, inFlight, maxPauseMs);
	}

	/** Any answer the API processed (a 503 too): what the rate served is measured on. */
	onAnswered(now: number): void {
		this.record(false);
		this.recent.push(now);
		if (this.recent.length > RATE_SAMPLES) this.recent.shift();
	}

	/**
	 * No 429 is answered by a resend sooner than the floor, whatever its headers say (`Retry-After: 0` on every
	 * answer would be a request storm) and whatever the asking call's Max Wait.
	 */
	onRateLimited(now: number, pushback: Pushback): void {
		const { askedMs, maxWaitMs } = pushback;
		// An ask beyond Max Wait fails the calls that got it; the connection goes on for the others.
		if (askedMs !== undefined && askedMs > maxWaitMs) return;
		const { sentAt } = pushback;
		if (this.limitedRounds === 0 || (sentAt !== undefined && sentAt >= this.lastLimitedAt))
			this.limitedRounds++;
		const floor = this.floorMs();
		if (askedMs !== undefined) this.pauseFor(now, Math.max(askedMs, floor));
		else if (pushback.pace) {
			this.applyPace(now, pushback.pace, 0, maxWaitMs);
			this.pauseFor(now, floor);
		} else {
			this.record(true);
			// A bare 429: nothing says when or how fast. Many of them: the pace is learned from what the API just
			// served. A stray one (another client's burst, one hot record): a short pause is enough.
			if (this.limitedShare() >= LEARN_AT_LIMITED_SHARE) this.learn(now);
			// A learned pace spaces every start at the API's own rate: its interval is the pause, never escalated.
			this.pauseFor(now, this.learnedRate ? Math.min(1000 / this.learnedRate, maxWaitMs) : floor);
		}
		this.lastLimitedAt = now;
	}

	/** The least pause after a 429 now: 0.1 s, doubled per round of 429s without a success between, at most 1 s. */
	floorMs(): number {
		return Math.min(MAX_FLOOR_MS, STRAY_PAUSE_MS * 2 ** Math.max(0, this.limitedRounds - 1));
	}

	/** Until when new requests are held by a pause (a 429's or 503's, or a spent quota's); 0 when none was set. */
	pausedUntil(): number {
		return this.pauseUntil;
	}

	/** The server asked for a pause (a 503's Retry-After). */
	pauseFor(now: number, ms: number): void {
		this.pauseUntil = Math.max(this.pauseUntil, now + ms);
	}

	/**
	 * The new pace: a share of the rate of the last successes (over the time they span, at least a moment). Once
	 * per second at most: the 429s of one burst, or a few stray ones, are one signal, not a spiral.
	 */
	private learn(now: number): void {
		if (now - this.learnedAt < RATE_WINDOW_MS) return;
		const fresh = this.recent.filter((at) => at > now - RATE_MEMORY_MS);
		if (fresh.length === 0) return;
		const spanMs = Math.max(now - fresh[0], MIN_RATE_SPAN_MS);
		this.learnedRate = (LEARNED_SHARE * fresh.length * 1000) / spanMs;
		this.learnedFrom = this.learnedRate;
		this.learnedAt = now;
	}

	/** Remembers whether each of the last answers was a bare 429. */
	private record(limited: boolean): void {
		this.outcomes.push(limited);
		if (this.outcomes.length > RATE_SAMPLES) this.outcomes.shift();
	}

	/** The share of bare 429s in the last answers; 0 until there are enough answers to tell. */
	private limitedShare(): number {
		if (this.outcomes.length < RATE_SAMPLES / 2) return 0;
		return this.outcomes.filter(Boolean).length / this.outcomes.length;
	}

	private applyPace(now: number, pace: PaceSignal, inFlight: number, maxPauseMs: number): void {
		if (pace.limit && pace.windowMs) {
			// Upstream headers are not trusted to idle the connection: no pace slower than a Max Wait per call.
			const refillMs = Math.min(pace.windowMs / pace.limit, maxPauseMs);
			this.headerSpacingMs = pace.remaining < pace.limit / 2 ? refillMs : 0;
			if (pace.remaining === 0) this.pauseFor(now, Math.min(pace.resetMs ?? refillMs, maxPauseMs));
		} else if (pace.resetMs !== undefined && pace.remaining <= inFlight) {
			// A fixed window about to run out: what is left is spent by the calls in flight; wait for the reset.
			this.pauseFor(now, Math.min(pace.resetMs, maxPauseMs));
		}
	}
}
