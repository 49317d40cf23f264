import { TokenBucket } from './tokenBucket';
import { json, type Reply, type UpstreamRequest } from './types';

/**
 * A rate-limited upstream: one token bucket per connection, in the shape of a real API's limit.
 *
 * - `hubspot`: `X-HubSpot-RateLimit-Max/-Remaining/-Interval-Milliseconds` on every answer, HubSpot's 429 body,
 *   no Retry-After (HubSpot usually sends none).
 * - `retryAfter`: the same, plus `Retry-After: 1` on each 429.
 * - `bare`: a bare 429 (text body) and no pace headers at all.
 *
 * Any method and path is served with `200 {id, method, path}`, where `id` is the path's last segment: the calls
 * of each id are counted, so a test can see how often each item was sent.
 */
export const RATE_LIMIT_STYLES = ['hubspot', 'retryAfter', 'bare'] as const;
export type RateLimitStyle = (typeof RATE_LIMIT_STYLES)[number];

export interface RateLimitOptions {
	/** Tokens (calls) per second. */
	rate: number;
	/** The bucket's size; default: `rate`. */
	burst?: number;
	/** How long a served call takes; default 100 ms. */
	latencyMs?: number;
	/** How long a 429 takes; default 0. */
	rejectLatencyMs?: number;
	/** Default `hubspot`. */
	style?: RateLimitStyle;
	/** The connection id; default `conn_ratelimited_<n>`. An existing rate-limited id gets the new settings and fresh counters. */
	id?: string;
}

/** Options with their defaults filled in. */
export type RateLimitSettings = Required<Omit<RateLimitOptions, 'id'>> & { id?: string };

export interface RateLimitCounters {
	/** Every call that reached the limit, served or not. */
	calls: number;
	served: number;
	/** Calls answered 429. */
	rejected: number;
	/** Calls per id (the path's last segment), served or not. */
	callsById: Record<string, number>;
	/** Calls being answered now, and the most at once. */
	inFlight: number;
	maxInFlight: number;
	/** Date.now() of the first call and of the last served answer (0 before any). */
	firstCallAt: number;
	lastServedAt: number;
}

export class RateLimitError extends Error {}

const KNOWN = ['rate', 'burst', 'latencyMs', 'rejectLatencyMs', 'style', 'id'];

/** Checks options (from code or from the control endpoint's JSON) and fills the defaults. */
export function rateLimitOptions(fields: Record<string, unknown>): RateLimitSettings {
	const unknown = Object.keys(fields).filter((name) => !KNOWN.includes(name));
	if (unknown.length)
		throw new RateLimitError(`unknown key ${unknown.join(', ')} (known: ${KNOWN.join(', ')})`);
	const number = (name: string, fallback: number, min: number): number => {
		const value = fields[name] ?? fallback;
		if (typeof value !== 'number' || !Number.isFinite(value) || value < min)
			throw new RateLimitError(
				`"${name}" must be a number of at least ${min}, not ${JSON.stringify(value)}`,
			);
		return value;
	};
	const rate = number('rate', NaN, 0);
	if (rate === 0) throw new RateLimitError('"rate" must be above 0');
	const style = fields.style ?? 'hubspot';
	if (!RATE_LIMIT_STYLES.includes(style as RateLimitStyle))
		throw new RateLimitError(
			`"style" is one of ${RATE_LIMIT_STYLES.join(', ')}, not ${JSON.stringify(style)}`,
		);
	if (fields.id !== undefined && (typeof fields.id !== 'string' || !/^[\w-]+$/.test(fields.id)))
		throw new RateLimitError('"id" must be letters, digits, _ or -');
	return {
		rate,
		burst: number('burst', rate, 1),
		latencyMs: number('latencyMs', 100, 0),
		rejectLatencyMs: number('rejectLatencyMs', 0, 0),
		style: style as RateLimitStyle,
		id: fields.id as string | undefined,
	};
}

function emptyCounters(): RateLimitCounters {
	return {
		calls: 0,
		served: 0,
		rejected: 0,
		callsById: {},
		inFlight: 0,
		maxInFlight: 0,
		firstCallAt: 0,
		lastServedAt: 0,
	};
}

const sleep = (ms: number) =>
	ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : Promise.resolve();

export class RateLimiter {
	readonly counters: RateLimitCounters = emptyCounters();

	private readonly bucket: TokenBucket;

	constructor(readonly options: RateLimitSettings) {
		this.bucket = new TokenBucket(options.rate, options.burst, Date.now());
	}

	/** Fresh counters and a full bucket (calls in flight keep counting). */
	reset(): void {
		Object.assign(this.counters, emptyCounters(), {
			inFlight: this.counters.inFlight,
			maxInFlight: this.counters.inFlight,
		});
		this.bucket.fill(Date.now());
	}

	async handle(request: UpstreamRequest): Promise<Reply> {
		const { counters, options } = this;
		const now = Date.now();
		const id = request.path.split('/').filter(Boolean).pop() ?? '';
		counters.calls++;
		counters.callsById[id] = (counters.callsById[id] ?? 0) + 1;
		if (!counters.firstCallAt) counters.firstCallAt = now;
		counters.inFlight++;
		counters.maxInFlight = Math.max(counters.maxInFlight, counters.inFlight);
		try {
			const { ok, remaining } = this.bucket.take(now);
			if (!ok) {
				counters.rejected++;
				await sleep(options.rejectLatencyMs);
				return this.rejection(remaining);
			}
			await sleep(options.latencyMs);
			counters.served++;
			counters.lastServedAt = Date.now();
			return json(
				200,
				{ id, method: request.method, path: request.path },
				this.paceHeaders(remaining),
			);
		} finally {
			counters.inFlight--;
		}
	}

	private paceHeaders(remaining: number): Record<string, string> {
		if (this.options.style === 'bare') return {};
		return {
			'x-hubspot-ratelimit-max': String(this.options.burst),
			'x-hubspot-ratelimit-remaining': String(remaining),
			'x-hubspot-ratelimit-interval-milliseconds': String(
				Math.round((this.options.burst / this.options.rate) * 1000),
			),
		};
	}

	private rejection(remaining: number): Reply {
		if (this.options.style === 'bare')
			return { status: 429, headers: { 'content-type': 'text/plain' }, body: 'Too Many Requests' };
		const headers = this.paceHeaders(remaining);
		if (this.options.style === 'retryAfter') headers['retry-after'] = '1';
		return json(
			429,
			{
				status: 'error',
				message: 'You have reached your secondly limit.',
				errorType: 'RATE_LIMIT',
				policyName: 'SECONDLY',
			},
			headers,
		);
	}
}
