import { request } from 'undici';

import { systemClock } from './systemClock';
import type { Clock, Call, HttpOutcome } from './call';
import { withRetry } from './withRetry';
import { encodeQuery } from '../request/query';
import { readWithin } from '../response/readBody';
import { apiBaseUrl, type UnifiedCredentials } from '../shared/baseUrl';
import { redactSecret } from '../shared/redact';
import { getDispatcher, type DispatcherSettings } from '../transport/dispatcher';
import { callFailure } from '../errors/networkFailure';
import { DEFAULT_RETRY, type RetrySettings } from '../transport/retryPolicy';

export interface UnifiedConnection {
	id: string;
	integration_type: string;
	integration_name?: string;
	categories?: string[];
	external_xref?: string;
	is_paused?: boolean;
	last_healthy_at?: string;
	last_unhealthy_at?: string;
	last_unhealthy_code?: string;
	environment?: string;
}

/**
 * Unified.to's own API is rate-limited too: its calls go through the same retry wrapper as the passthrough, with
 * settings of their own (a lookup or a picker page should not wait as long as a sync may).
 */
const UNIFIED_API_RETRY: RetrySettings = { ...DEFAULT_RETRY, maxWaitMs: 30_000 };
const UNIFIED_API_TIMEOUT_MS = 30_000;
/** A page of 100 connections is a few hundred KB; anything far larger is not an answer to read whole. */
const MAX_UNIFIED_BODY_BYTES = 16 * 1024 * 1024;

export interface UnifiedApiCall {
	credentials: UnifiedCredentials;
	signal?: AbortSignal;
	dispatcherSettings?: DispatcherSettings;
	clock?: Clock;
}

/** One attempt at Unified's own API; the body as text (bounded), redacted of the key. */
function unifiedAttempt(call: UnifiedApiCall): Call<HttpOutcome & { body: string }> {
	return async (spec) => {
		const search = encodeQuery(spec.query);
		const response = await request(
			`${apiBaseUrl(call.credentials)}/${spec.path}${search ? `?${search}` : ''}`,
			{
				method: spec.method,
				headers: {
					authorization: `Bearer ${call.credentials.apiKey}`,
					accept: 'application/json',
					...(spec.body?.contentType ? { 'content-type': spec.body.contentType } : {}),
				},
				body: spec.body ? ((await spec.body.open()) as string) : undefined,
				dispatcher: getDispatcher(call.dispatcherSettings ?? {}),
				signal: call.signal,
				headersTimeout: UNIFIED_API_TIMEOUT_MS,
				bodyTimeout: UNIFIED_API_TIMEOUT_MS,
			},
		);
		const bytes = await readWithin(response.body, MAX_UNIFIED_BODY_BYTES);
		if (!bytes)
			throw new Error(
				`Unified.to's answer to ${spec.path} is larger than ${MAX_UNIFIED_BODY_BYTES / 1024 / 1024} MB`,
			);
		return {
			statusCode: response.statusCode,
			headers: response.headers as HttpOutcome['headers'],
			body: redactSecret(bytes.toString('utf8'), call.credentials.apiKey),
		};
	};
}

export type UnifiedMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A call to Unified's own API (not passthrough), e.g. the connection list or a webhook subscription, with
 * retries: GET, PUT and DELETE on the retry statuses and transient network failures; POST and PATCH only on a
 * 429 or a failure before anything was sent (a POST creating a webhook must not create two). The answer is
 * parsed JSON (undefined for an empty body); a non-2xx answer throws with Unified's message and `statusCode`.
 */
export async function callUnified<T>(
	call: UnifiedApiCall,
	method: UnifiedMethod,
	path: string,
	query: Array<[string, string]>,
	body?: unknown,
): Promise<T> {
	const retried = withRetry<HttpOutcome & { body: string }>({
		retry: UNIFIED_API_RETRY,
		clock: call.clock ?? systemClock,
		signal: call.signal,
		describeFailure: (error) =>
			callFailure(error, {
				path,
				headersTimeoutMs: UNIFIED_API_TIMEOUT_MS,
				bodyTimeoutMs: UNIFIED_API_TIMEOUT_MS,
			}),
	})(unifiedAttempt(call));
	const json = body === undefined ? undefined : JSON.stringify(body);
	const response = await retried({
		method,
		path,
		query,
		headers: {},
		body: json === undefined ? undefined : { contentType: 'application/json', open: () => json },
	});
	const text = response.body;
	if (response.statusCode < 200 || response.statusCode >= 300) {
		let message = text.slice(0, 300);
		try {
			message = (JSON.parse(text) as { message?: string }).message ?? message;
		} catch {
			// keep the text
		}
		const error = new Error(
			`Unified.to returned ${response.statusCode}: ${redactSecret(message, call.credentials.apiKey)}`,
		);
		(error as Error & { statusCode?: number }).statusCode = response.statusCode;
		throw error;
	}
	return (text.trim() ? JSON.parse(text) : undefined) as T;
}

/** GET on Unified's own API (not passthrough), e.g. the connection list, with retries. */
export async function getUnified<T>(
	call: UnifiedApiCall,
	path: string,
	query: Array<[string, string]>,
): Promise<T> {
	return await callUnified<T>(call, 'GET', path, query);
}

/** One page of `GET /unified/connection`. */
export async function listConnections(
	call: UnifiedApiCall,
	params: { limit: number; offset: number; externalXref?: string; categories?: string[] },
): Promise<UnifiedConnection[]> {
	const query: Array<[string, string]> = [
		['limit', String(params.limit)],
		['offset', String(params.offset)],
	];
	if (params.externalXref) query.push(['external_xref', params.externalXref]);
	for (const category of params.categories ?? []) query.push(['categories', category]);
	const page = await getUnified<unknown>(call, 'unified/connection', query);
	return Array.isArray(page) ? (page as UnifiedConnection[]) : [];
}

/** `GET /unified/connection/{id}`: the connection's integration, among others. The id is checked already. */
export async function getConnection(call: UnifiedApiCall, id: string): Promise<UnifiedConnection> {
	return await getUnified<UnifiedConnection>(
		call,
		`unified/connection/${encodeURIComponent(id)}`,
		[],
	);
}
