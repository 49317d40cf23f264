import { MAX_RESPONSE_SIZE_MB } from '../description/responseLimits';
import { resolvePagination, type PaginationSettings } from '../pagination/paginationSettings';
import type { QueryArrayFormat } from '../request/query';
import { ParameterError } from '../errors/parameterError';
import type { ResponseFormat } from '../response/contentType';
import {
	DEFAULT_CONCURRENCY,
	DEFAULT_MAX_COMPRESSION_RATIO,
	DEFAULT_MAX_RESPONSE_SIZE_MB,
	DEFAULT_REQUEST_INTERVAL_MS,
	DEFAULT_TIMEOUT_MS,
} from '../shared/defaults';
import { MAX_TIMER_MS } from '../shared/sleep';
import { AUTO_CEILING } from '../transport/flow/adaptiveLimit';
import { MEGABYTE } from '../shared/values';
import { DEFAULT_RETRY, parseRetryOn, type RetrySettings } from '../transport/retryPolicy';
import type { FlowSettings } from '../transport/flow/executionFlow';

/** The `options` collection as the user left it; absent options mean their defaults. */
export interface RawOptions {
	responseFormat?: ResponseFormat;
	outputPropertyName?: string;
	fullResponse?: boolean;
	neverError?: boolean;
	failOnBodyError?: boolean;
	timeout?: number;
	retry?: {
		settings?: {
			maxRetries?: number;
			retryOn?: string;
			maxWaitMs?: number;
			retryNonIdempotent?: boolean;
			rateLimitStallMs?: number;
		};
	};
	concurrency?: number;
	requestInterval?: number;
	pagination?: { settings?: Record<string, unknown> };
	splitIntoItems?: string;
	queryArrayFormat?: QueryArrayFormat;
	domain?: string;
	proxy?: string;
	allowUnauthorizedCerts?: boolean;
	maxResponseSize?: number;
	maxCompressionRatio?: number;
}

export interface ItemOptions {
	responseFormat: ResponseFormat;
	outputPropertyName: string;
	fullResponse: boolean;
	neverError: boolean;
	failOnBodyError: boolean;
	/** Undefined when pagination is off. */
	pagination?: PaginationSettings;
	/** Dotted path of the list to output one item per record; '' when off. */
	splitIntoItems: string;
	headersTimeoutMs: number;
	bodyTimeoutMs: number;
	retry: RetrySettings;
	queryArrayFormat: QueryArrayFormat;
	domain: string;
	proxy: string;
	allowUnauthorizedCerts: boolean;
	/** "Max Response Size" in bytes. */
	maxBodyBytes: number;
	/** 0 when the check is off. */
	maxCompressionRatio: number;
}

/** A body may stay silent this long between chunks (or the headers timeout, when that is shorter). */
export const MAX_BODY_IDLE_MS = 60_000;

/** A whole number >= 0, or the fallback when the value is not a number (e.g. an expression gave text). */
function count(value: unknown, fallback: number): number {
	const number = Number(value);
	return Number.isFinite(number) && number >= 0 ? Math.floor(number) : fallback;
}

function positive(value: unknown, fallback: number): number {
	const number = Number(value);
	return Number.isFinite(number) && number > 0 ? number : fallback;
}

/**
 * Refuses a time option beyond what a Node.js timer holds (about 24.8 days): past it, a timer fires after 1 ms,
 * so a huge Max Wait or Request Interval would mean no wait at all.
 */
function assertTimerRange(value: unknown, parameter: string, label: string): void {
	if (Number(value) > MAX_TIMER_MS) {
		throw new ParameterError(
			parameter,
			`"${label}" is ${String(value)} ms; the most it can be is ${MAX_TIMER_MS} ms (about 24.8 days)`,
		);
	}
}

function nonNegative(value: unknown, fallback: number): number {
	const number = Number(value);
	return Number.isFinite(number) && number >= 0 ? number : fallback;
}

export function resolveItemOptions(raw: RawOptions): ItemOptions {
	const retry = raw.retry?.settings;
	assertTimerRange(raw.timeout, 'options.timeout', 'Timeout (Ms)');
	assertTimerRange(retry?.maxWaitMs, 'options.retry.maxWaitMs', 'Max Wait (Ms)');
	assertTimerRange(
		retry?.rateLimitStallMs,
		'options.retry.rateLimitStallMs',
		'Rate Limit Stall (Ms)',
	);
	if (Number(raw.maxResponseSize) > MAX_RESPONSE_SIZE_MB) {
		throw new ParameterError(
			'options.maxResponseSize',
			`"Max Response Size (MB)" is ${String(raw.maxResponseSize)}; the most it can be is ${MAX_RESPONSE_SIZE_MB} (the largest string Node.js holds). For a larger body, set "Response Format" to "File"`,
		);
	}
	const headersTimeoutMs = positive(raw.timeout, DEFAULT_TIMEOUT_MS);
	const splitIntoItems = String(raw.splitIntoItems ?? '').trim();
	const pagination = resolvePagination(raw.pagination?.settings);
	// One idea, one path: with pagination on, Split Into Items is the records path unless pagination has its own.
	if (pagination && !pagination.recordsPath && splitIntoItems)
		pagination.recordsPath = splitIntoItems;
	return {
		responseFormat: raw.responseFormat ?? 'autodetect',
		outputPropertyName: (raw.outputPropertyName ?? '').trim() || 'data',
		fullResponse: raw.fullResponse === true,
		neverError: raw.neverError === true,
		failOnBodyError: raw.failOnBodyError !== false,
		pagination,
		splitIntoItems,
		headersTimeoutMs,
		bodyTimeoutMs: Math.min(headersTimeoutMs, MAX_BODY_IDLE_MS),
		retry: retry
			? {
					maxRetries: count(retry.maxRetries, DEFAULT_RETRY.maxRetries),
					retryOn:
						retry.retryOn === undefined ? DEFAULT_RETRY.retryOn : parseRetryOn(retry.retryOn),
					maxWaitMs: count(retry.maxWaitMs, DEFAULT_RETRY.maxWaitMs),
					retryNonIdempotent: retry.retryNonIdempotent === true,
					rateLimitStallMs: count(retry.rateLimitStallMs, DEFAULT_RETRY.rateLimitStallMs),
				}
			: DEFAULT_RETRY,
		queryArrayFormat: raw.queryArrayFormat ?? 'repeat',
		domain: raw.domain ?? '',
		proxy: raw.proxy ?? '',
		allowUnauthorizedCerts: raw.allowUnauthorizedCerts === true,
		// Never unbounded: a value that is not a positive number (0, text, Infinity) means the default.
		maxBodyBytes: Math.floor(
			positive(raw.maxResponseSize, DEFAULT_MAX_RESPONSE_SIZE_MB) * MEGABYTE,
		),
		maxCompressionRatio: nonNegative(raw.maxCompressionRatio, DEFAULT_MAX_COMPRESSION_RATIO),
	};
}

/** The flow settings shared by all items of one execution (read from the first item). */
export function resolveFlowSettings(raw: RawOptions): FlowSettings {
	assertTimerRange(raw.requestInterval, 'options.requestInterval', 'Request Interval (Ms)');
	return {
		concurrency: Math.min(AUTO_CEILING, count(raw.concurrency, DEFAULT_CONCURRENCY)),
		requestIntervalMs: Math.max(0, Number(raw.requestInterval ?? DEFAULT_REQUEST_INTERVAL_MS) || 0),
	};
}
