import type { IncomingMessage, ServerResponse } from 'node:http';

import { applyFault } from './applyFault';
import { FaultRuleError, parseFaultHeader, type FaultRule } from './faults';
import { send, unifiedError } from './reply';
import type { SimulatorState } from './state';
import type { SimConnection, Upstream, UpstreamRequest } from './types';

export interface PassthroughCall {
	request: IncomingMessage;
	response: ServerResponse;
	url: URL;
	connectionId: string;
	/** The path after the connection id, still percent-encoded. */
	rawPath: string;
	started: number;
}

/** The raw query without `__domain`, which Unified consumes: the upstream never sees it. */
function upstreamRawQuery(url: URL): string {
	return url.search
		.replace(/^\?/, '')
		.split('&')
		.filter((part) => part && new URLSearchParams(part).get('__domain') === null)
		.join('&');
}

/** The request as the upstream sees it; `bodyRead()` tells whether the upstream read the body. */
function upstreamRequest(
	call: PassthroughCall,
	path: string,
	connection: SimConnection,
): { forwarded: UpstreamRequest; bodyRead: () => boolean } {
	const { request, response, url } = call;
	const query = new URLSearchParams(url.search);
	query.delete('__domain');
	let cached: Promise<Buffer> | undefined;
	const abort = new AbortController();
	response.on('close', () => abort.abort());
	const forwarded: UpstreamRequest = {
		method: request.method ?? 'GET',
		path,
		query,
		rawQuery: upstreamRawQuery(url),
		// Unified consumes its own key; the upstream gets the connection's credentials instead.
		headers: Object.fromEntries(
			Object.entries(request.headers).filter(([name]) => name !== 'authorization'),
		),
		connection,
		stream: request,
		signal: abort.signal,
		body: () =>
			(cached ??= (async () => {
				const chunks: Buffer[] = [];
				for await (const chunk of request) chunks.push(chunk as Buffer);
				return Buffer.concat(chunks);
			})()),
	};
	return { forwarded, bodyRead: () => cached !== undefined };
}

/**
 * `/passthrough/:connection_id/*path`: finds the connection, logs the call, applies a fault if one matches, and
 * hands the rest to the connection's upstream, adding Unified's timing headers to its answer.
 */
export async function passthrough(
	call: PassthroughCall,
	state: SimulatorState,
	upstreams: Record<string, Upstream>,
): Promise<void> {
	const { request, response, url, connectionId, started } = call;
	const method = request.method ?? 'GET';
	const connection = state.connections.find((entry) => entry.id === connectionId);
	if (!connection) {
		send(response, unifiedError(404, 'Not Found', `Connection ${connectionId} not found`), {});
		return;
	}
	let path: string;
	try {
		path = decodeURIComponent(call.rawPath).replace(/^\//, '');
	} catch {
		send(response, unifiedError(400, 'Bad Request', 'Malformed path'), {});
		return;
	}
	state.log.push({
		connectionId,
		method,
		path,
		rawQuery: url.search.replace(/^\?/, ''),
		startedAt: Date.now(),
	});

	const limiter = state.rateLimits.get(connectionId);
	const upstream = limiter
		? (request: UpstreamRequest) => limiter.handle(request)
		: upstreams[connection.integration_type];
	if (!upstream) {
		request.resume();
		send(
			response,
			unifiedError(
				500,
				'Internal Server Error',
				`The simulator has no upstream for integration ${connection.integration_type}`,
			),
			{},
		);
		return;
	}
	let headerRule: FaultRule | undefined;
	try {
		headerRule = parseFaultHeader(request.headers['x-sim-fault'] as string | undefined);
	} catch (error) {
		if (!(error instanceof FaultRuleError)) throw error;
		request.resume();
		send(response, unifiedError(400, 'Bad Request', `x-sim-fault: ${error.message}`), {});
		return;
	}
	const fault = state.faults.pick({ connectionId, method, path }, headerRule);
	if (fault && (await applyFault(fault, request, response, connection, started))) return;

	const { forwarded, bodyRead } = upstreamRequest(call, path, connection);
	const upstreamStarted = Date.now();
	const reply = await upstream(forwarded);
	if (!bodyRead()) request.resume();
	const endApi = Date.now() - upstreamStarted;
	send(response, reply, {
		'x-response-time': `${Date.now() - started}ms`,
		'x-unified-response-time': `${Math.max(0, Date.now() - started - endApi)}ms`,
		'x-endapi-response-time': `${endApi}ms`,
	});
}
