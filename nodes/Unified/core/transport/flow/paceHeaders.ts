type Headers = Record<string, string | string[] | undefined>;

/** What an API said about its quota on one response. */
export interface PaceSignal {
	/** Calls left in the current window. */
	remaining: number;
	/** The window's quota, when the API says it. */
	limit?: number;
	/** The window's length: with `limit`, the rate the quota refills at. */
	windowMs?: number;
	/** Time until the quota resets, when the API says it. */
	resetMs?: number;
}

/** Salesforce's daily API usage (`Sforce-Limit-Info: api-usage=25/15000`). */
export interface DailyUsage {
	used: number;
	max: number;
}

/** What a response's headers say the user should hear, in n8n's log, once per execution and key. */
export interface QuotaWarning {
	key: string;
	message: string;
}

/**
 * One API's way of reporting its quota in headers. `pace` feeds the connection's pacing (the first dialect that
 * reads a signal wins); `warning` is logged.
 */
interface HeaderDialect {
	pace?(headers: Headers, now: number): PaceSignal | undefined;
	warning?(headers: Headers): QuotaWarning | undefined;
}

// Upstream headers are untrusted: a long value is not ours to scan.
const MAX_FIELD_LENGTH = 1024;

function field(headers: Headers, name: string): string | undefined {
	const value = headers[name];
	const text = Array.isArray(value) ? value[0] : value;
	return text === undefined || text.length > MAX_FIELD_LENGTH ? undefined : text.trim();
}

function whole(text: string | undefined): number | undefined {
	if (text === undefined || !/^\d{1,15}$/.test(text)) return undefined;
	return Number(text);
}

/**
 * `X-RateLimit-Reset` is seconds from now for most APIs and epoch seconds for others (GitHub); a value beyond
 * a year of seconds can only be a date. Epoch milliseconds appear too.
 */
function resetToMs(value: number | undefined, now: number): number | undefined {
	if (value === undefined) return undefined;
	if (value > 1e12) return Math.max(0, value - now);
	if (value > 365 * 24 * 3600) return Math.max(0, value * 1000 - now);
	return value * 1000;
}

function hubspot(headers: Headers): PaceSignal | undefined {
	const remaining = whole(field(headers, 'x-hubspot-ratelimit-remaining'));
	if (remaining === undefined) return undefined;
	return {
		remaining,
		limit: whole(field(headers, 'x-hubspot-ratelimit-max')),
		windowMs: whole(field(headers, 'x-hubspot-ratelimit-interval-milliseconds')),
	};
}

function xRateLimit(headers: Headers, now: number): PaceSignal | undefined {
	const remaining = whole(field(headers, 'x-ratelimit-remaining'));
	if (remaining === undefined) return undefined;
	return {
		remaining,
		limit: whole(field(headers, 'x-ratelimit-limit')),
		resetMs: resetToMs(whole(field(headers, 'x-ratelimit-reset')), now),
	};
}

/** `key=123` parameters of one structured-field list member: `"default";r=50;t=30` or `limit=100, remaining=50`. */
function parameters(member: string): Map<string, number> {
	const found = new Map<string, number>();
	for (const part of member.split(/[;,]/)) {
		const match = /^\s*([a-z-]{1,16})\s*=\s*(\d{1,15})\s*$/i.exec(part);
		if (match) found.set(match[1].toLowerCase(), Number(match[2]));
	}
	return found;
}

/**
 * The IETF fields, in the shapes its drafts used: separate `RateLimit-Remaining` / `-Limit` / `-Reset` (drafts
 * 03–06), one `RateLimit: limit=, remaining=, reset=` (07), and `RateLimit: "name";r=;t=` with
 * `RateLimit-Policy: "name";q=;w=` (08 on). Of several policies the one with the fewest calls left counts.
 */
function ietf(headers: Headers): PaceSignal | undefined {
	const remaining = whole(field(headers, 'ratelimit-remaining'));
	if (remaining !== undefined) {
		const reset = whole(field(headers, 'ratelimit-reset'));
		return {
			remaining,
			limit: whole(field(headers, 'ratelimit-limit')),
			resetMs: reset === undefined ? undefined : reset * 1000,
		};
	}
	const combined = field(headers, 'ratelimit');
	if (!combined) return undefined;
	const single = parameters(combined);
	if (single.has('remaining')) {
		const reset = single.get('reset');
		return {
			remaining: single.get('remaining')!,
			limit: single.get('limit'),
			resetMs: reset === undefined ? undefined : reset * 1000,
		};
	}
	let tightest: PaceSignal | undefined;
	for (const member of combined.split(',')) {
		const values = parameters(member);
		const r = values.get('r');
		if (r === undefined || (tightest && tightest.remaining <= r)) continue;
		const t = values.get('t');
		tightest = { remaining: r, resetMs: t === undefined ? undefined : t * 1000 };
	}
	if (!tightest) return undefined;
	const policy = policyRate(field(headers, 'ratelimit-policy'));
	return policy ? { ...tightest, ...policy } : tightest;
}

/** The slowest of the `q` calls per `w` seconds policies. */
function policyRate(text: string | undefined): { limit: number; windowMs: number } | undefined {
	if (!text) return undefined;
	let slowest: { limit: number; windowMs: number } | undefined;
	for (const member of text.split(',')) {
		const values = parameters(member);
		const q = values.get('q');
		const w = values.get('w');
		if (!q || !w) continue;
		if (!slowest || q / w < slowest.limit / (slowest.windowMs / 1000))
			slowest = { limit: q, windowMs: w * 1000 };
	}
	return slowest;
}

export function readDailyUsage(headers: Headers): DailyUsage | undefined {
	const match = /api-usage=(\d{1,15})\/(\d{1,15})/.exec(field(headers, 'sforce-limit-info') ?? '');
	if (!match) return undefined;
	const usage = { used: Number(match[1]), max: Number(match[2]) };
	return usage.max > 0 ? usage : undefined;
}

/** Salesforce warns by e-mail at 90% of the daily API quota; so do we, in n8n's log. */
const DAILY_USAGE_WARNING = 0.9;

function salesforceDailyUsage(headers: Headers): QuotaWarning | undefined {
	const usage = readDailyUsage(headers);
	if (!usage || usage.used / usage.max <= DAILY_USAGE_WARNING) return undefined;
	return {
		key: 'daily-usage',
		message: `Salesforce reports ${usage.used} of ${usage.max} daily API calls used (${Math.round((100 * usage.used) / usage.max)}%); at 100% it refuses calls until the 24-hour window moves on`,
	};
}

/** Every dialect the node reads, in the order `readPace` tries them. */
const DIALECTS: readonly HeaderDialect[] = [
	{ pace: hubspot },
	{ pace: ietf },
	{ pace: xRateLimit },
	{ warning: salesforceDailyUsage },
];

/** The quota the response reports, in whichever convention the API uses; undefined when it reports none. */
export function readPace(headers: Headers, now: number = Date.now()): PaceSignal | undefined {
	for (const dialect of DIALECTS) {
		const signal = dialect.pace?.(headers, now);
		if (signal) return signal;
	}
	return undefined;
}

/** The warnings a successful response's headers call for, in any dialect. */
export function quotaWarnings(headers: Headers): QuotaWarning[] {
	const warnings: QuotaWarning[] = [];
	for (const dialect of DIALECTS) {
		const warning = dialect.warning?.(headers);
		if (warning) warnings.push(warning);
	}
	return warnings;
}
