// Slack for float error: 0.98 + 0.02 tokens is a whole token.
const EPSILON = 1e-9;

/**
 * A token bucket: holds at most `burst` tokens, starts full, refills continuously at `rate` tokens a second. Each
 * call takes one token or is refused. Time is passed in (milliseconds), so the bucket is a pure function of it.
 */
export class TokenBucket {
	private tokens: number;

	private updatedAt: number;

	constructor(
		readonly rate: number,
		readonly burst: number,
		now: number,
	) {
		if (!(rate > 0) || !Number.isFinite(rate))
			throw new RangeError('rate must be a positive number');
		if (!(burst >= 1) || !Number.isFinite(burst)) throw new RangeError('burst must be at least 1');
		this.tokens = burst;
		this.updatedAt = now;
	}

	/** Takes a token if there is one; `remaining` is the whole tokens left afterwards. */
	take(now: number): { ok: boolean; remaining: number } {
		this.refill(now);
		const ok = this.tokens >= 1 - EPSILON;
		if (ok) this.tokens = Math.max(0, this.tokens - 1);
		return { ok, remaining: Math.floor(this.tokens) };
	}

	/** Milliseconds until the next token, 0 when one is there now. */
	waitMs(now: number): number {
		this.refill(now);
		return this.tokens >= 1 - EPSILON
			? 0
			: Math.ceil(((1 - this.tokens) / this.rate) * 1000 - EPSILON);
	}

	/** Back to a full bucket. */
	fill(now: number): void {
		this.tokens = this.burst;
		this.updatedAt = now;
	}

	private refill(now: number): void {
		const elapsed = Math.max(0, now - this.updatedAt);
		this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.rate) / 1000);
		this.updatedAt = Math.max(now, this.updatedAt);
	}
}
