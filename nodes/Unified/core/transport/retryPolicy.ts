import type { HttpMethod } from '../request/requestSpec';
import {
	DEFAULT_MAX_RETRIES,
	DEFAULT_MAX_WAIT_MS,
	DEFAULT_RATE_LIMIT_STALL_MS,
	DEFAULT_RETRY_NON_IDEMPOTENT,
	DEFAULT_RETRY_ON,
} from '../shared/defaults';
import { errorCode } from '../errors/errorCode';
import { NOT_SENT_CODES, wasNeverSent } from '../errors/networkFailure';

export interface RetrySettings {
	maxRetries: number;
	retryOn: ReadonlySet<number>;
	maxWaitMs: number;
	retryNonIdempotent: boolean;
	/** Under a flow controller: a 429 fails a call only once no call of its connection succeeded for this long. */
	rateLimitStallMs: number;
}

export type RetryDecision = { retry: true; waitMs: number } | { retry: false; askedMs?: number };

const IDEMPOTENT: ReadonlySet<HttpMethod> = new Set(['GET', 'PUT', 'DELETE']);

/**
 * Network failures that a new attempt may not meet: the connection failed, dropped or went silent. Any other
 * error fails the same way every time: a TLS certificate, response headers over the size limit, a malformed
 * response, and every local failure (a full disk, a string too long for Node.js...), which is no network
 * error at all. ENOTFOUND is kept: nothing was sent, and resolvers also answer it for a passing outage.
 */
const TRANSIENT_NETWORK_CODES: ReadonlySet<string> = new Set([
	...NOT_SENT_CODES,
	'ECONNRESET',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'ERR_STREAM_PREMATURE_CLOSE',
	'UND_ERR_SOCKET',
	'UND_ERR_CLOSED',
	'UND_ERR_HEADERS_TIMEOUT',
	'UND_ERR_BODY_TIMEOUT',
	'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);
const BACKOFF_BASE_MS = 500;
const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? /;

export function parseRetryOn(value: unknown): Set<number> {
	const codes = String(value ?? '')
		.split(/[\s,;]+/)
		.map((part) => Number(part))
		.filter((code) => Number.isInteger(code) && code >= 100 && code <= 599);
	return new Set(codes);
}

export const DEFAULT_RETRY: RetrySettings = {
	maxRetries: DEFAULT_MAX_RETRIES,
	retryOn: parseRetryOn(DEFAULT_RETRY_ON),
	maxWaitMs: DEFAULT_MAX_WAIT_MS,
	retryNonIdempotent: DEFAULT_RETRY_NON_IDEMPOTENT,
	rateLimitStallMs: DEFAULT_RATE_LIMIT_STALL_MS,
};

function header(
	headers: Record<string, string | string[] | undefined>,
	name: string,
): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/** The wait the server asked for: `retry-after-ms`, or `Retry-After` as seconds or an HTTP-date. */
export function requestedWaitMs(
	headers: Record<string, string | string[] | undefined>,
	now: number = Date.now(),
): number | undefined {
	const ms = header(headers, 'retry-after-ms');
	if (ms !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return Math.ceil(Number(ms));
	const value = header(headers, 'retry-after')?.trim();
	if (!value) return undefined;
	if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
	// Date.parse is lenient ('-3' is a date to it): only HTTP-date shapes, which all start with a day name.
	if (!HTTP_DATE.test(value)) return undefined;
	const date = Date.parse(value);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/** Exponential backoff with full jitter: a random wait up to base * 2^attempt, capped. */
export function backoffMs(
	attempt: number,
	capMs: number,
	random: () => number = Math.random,
): number {
	const ceiling = Math.min(capMs, BACKOFF_BASE_MS * 2 ** attempt);
	return Math.floor(random() * ceiling);
}

function mayRepeat(method: HttpMethod, settings: RetrySettings): boolean {
	return IDEMPOTENT.has(method) || settings.retryNonIdempotent;
}

/** `attempt` counts the attempts made so far (1 after the first). */
export function decideHttpRetry(
	statusCode: number,
	method: HttpMethod,
	headers: Record<string, string | string[] | undefined>,
	attempt: number,
	settings: RetrySettings,
	random?: () => number,
): RetryDecision {
	if (attempt > settings.maxRetries || !settings.retryOn.has(statusCode)) return { retry: false };
	// A 429 means the request was not processed, so even a POST can be sent again.
	if (statusCode !== 429 && !mayRepeat(method, settings)) return { retry: false };
	const asked = requestedWaitMs(headers);
	if (asked !== undefined) {
		if (asked > settings.maxWaitMs) return { retry: false, askedMs: asked };
		return { retry: true, waitMs: asked };
	}
	return { retry: true, waitMs: backoffMs(attempt - 1, settings.maxWaitMs, random) };
}

export function decideNetworkRetry(
	error: unknown,
	method: HttpMethod,
	attempt: number,
	settings: RetrySettings,
	random?: () => number,
): RetryDecision {
	if (attempt > settings.maxRetries) return { retry: false };
	const code = errorCode(error);
	if (code === undefined || !TRANSIENT_NETWORK_CODES.has(code)) return { retry: false };
	// A request that never left cannot have been processed; anything else is ambiguous for POST/PATCH.
	if (!wasNeverSent(error) && !mayRepeat(method, settings)) return { retry: false };
	return { retry: true, waitMs: backoffMs(attempt - 1, settings.maxWaitMs, random) };
}
