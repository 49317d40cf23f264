import { request, type Dispatcher } from 'undici';

import type { RequestSpec } from '../request/requestSpec';
import { passthroughUrl } from './passthroughUrl';

export interface SendContext {
	baseUrl: string;
	apiKey: string;
	connectionId: string;
	dispatcher: Dispatcher;
	signal?: AbortSignal;
	/** ms until response headers arrive. */
	headersTimeoutMs: number;
	/** ms the body may stay silent between two chunks. */
	bodyTimeoutMs: number;
}

export interface RawResponse {
	statusCode: number;
	/** Lower-cased names. */
	headers: Record<string, string | string[] | undefined>;
	body: Dispatcher.ResponseData['body'];
}

const DEFAULT_ACCEPT = 'application/json, text/plain;q=0.9, */*;q=0.8';
const USER_AGENT = 'n8n-nodes-unified';

/** Sends one attempt. Resolves as soon as headers arrive; the caller owns the body stream. */
export async function send(spec: RequestSpec, context: SendContext): Promise<RawResponse> {
	const headers: Record<string, string> = {
		accept: DEFAULT_ACCEPT,
		'user-agent': USER_AGENT,
		...spec.headers,
		authorization: `Bearer ${context.apiKey}`,
	};
	let body: Dispatcher.RequestOptions['body'];
	if (spec.body) {
		body = (await spec.body.open()) as Dispatcher.RequestOptions['body'];
		if (spec.body.contentType && (spec.body.contentTypeIsFixed || !headers['content-type'])) {
			headers['content-type'] = spec.body.contentType;
		}
		if (spec.body.length !== undefined) headers['content-length'] = String(spec.body.length);
	}
	const response = await request(passthroughUrl(context.baseUrl, context.connectionId, spec), {
		method: spec.method,
		headers,
		body,
		dispatcher: context.dispatcher,
		signal: context.signal,
		headersTimeout: context.headersTimeoutMs,
		bodyTimeout: context.bodyTimeoutMs,
	});
	return {
		statusCode: response.statusCode,
		headers: response.headers as RawResponse['headers'],
		body: response.body,
	};
}
