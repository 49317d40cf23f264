import { request } from 'undici';

import { apiBaseUrl, type UnifiedCredentials } from '../shared/baseUrl';
import { encodeQuery } from '../request/query';
import { redactSecret } from '../shared/redact';
import { getDispatcher, type DispatcherSettings } from './dispatcher';

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

/** GET on Unified's own API (not passthrough), e.g. the connection list. */
export async function getUnified<T>(
	credentials: UnifiedCredentials,
	path: string,
	query: Array<[string, string]>,
	signal?: AbortSignal,
	dispatcherSettings: DispatcherSettings = {},
): Promise<T> {
	const search = encodeQuery(query);
	const response = await request(`${apiBaseUrl(credentials)}/${path}${search ? `?${search}` : ''}`, {
		method: 'GET',
		headers: { authorization: `Bearer ${credentials.apiKey}`, accept: 'application/json' },
		dispatcher: getDispatcher(dispatcherSettings),
		signal,
		headersTimeout: 30_000,
		bodyTimeout: 30_000,
	});
	const text = await response.body.text();
	if (response.statusCode < 200 || response.statusCode >= 300) {
		let message = text.slice(0, 300);
		try {
			message = (JSON.parse(text) as { message?: string }).message ?? message;
		} catch {
			// keep the text
		}
		const error = new Error(`Unified.to returned ${response.statusCode}: ${redactSecret(message, credentials.apiKey)}`);
		(error as Error & { statusCode?: number }).statusCode = response.statusCode;
		throw error;
	}
	return JSON.parse(text) as T;
}

/** One page of `GET /unified/connection`. */
export async function listConnections(
	credentials: UnifiedCredentials,
	params: { limit: number; offset: number; externalXref?: string; categories?: string[] },
	signal?: AbortSignal,
	dispatcherSettings?: DispatcherSettings,
): Promise<UnifiedConnection[]> {
	const query: Array<[string, string]> = [
		['limit', String(params.limit)],
		['offset', String(params.offset)],
	];
	if (params.externalXref) query.push(['external_xref', params.externalXref]);
	for (const category of params.categories ?? []) query.push(['categories', category]);
	const page = await getUnified<unknown>(credentials, 'unified/connection', query, signal, dispatcherSettings);
	return Array.isArray(page) ? (page as UnifiedConnection[]) : [];
}
