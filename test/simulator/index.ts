import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';

import { SIM_API_KEY, seedConnections } from './data';
import { FaultInjector, retryAfterHeaders, type FaultRule } from './faults';
import { acmeUpstream } from './upstreams/acme';
import { createHubSpotUpstream, hubspotRateLimited } from './upstreams/hubspot';
import { createPagedUpstream, withPagedItems } from './upstreams/paged';
import { createSalesforceUpstream } from './upstreams/salesforce';
import { createSlackUpstream, slackRateLimited } from './upstreams/slack';
import { json, type Reply, type SimConnection, type Upstream, type UpstreamRequest } from './types';

export { SIM_API_KEY } from './data';
export type { FaultRule } from './faults';

export interface SimulatorOptions {
	port?: number;
	apiKey?: string;
	/** Seeded data sizes, for pagination tests and benchmarks. */
	hubspotContacts?: number;
	slackChannels?: number;
	salesforceAccounts?: number;
	/** Acme's paged `v2/items/...` collection (generic pagination modes). */
	acmeItems?: number;
	/** Extra connections beyond the seeded ones (for connection-list paging). */
	extraConnections?: number;
}

export interface PassthroughLogEntry {
	connectionId: string;
	method: string;
	path: string;
	rawQuery: string;
	startedAt: number;
}

export interface Simulator {
	baseUrl: string;
	apiKey: string;
	connections: SimConnection[];
	faults: FaultInjector;
	/** Every passthrough request, in arrival order. */
	log: PassthroughLogEntry[];
	/** Every request the simulator received, any route, as its raw request line: "GET /unified/connection?limit=1". */
	received: string[];
	/** The raw query of every connection list request (the picker, an external xref lookup), in arrival order. */
	lookups: string[];
	/** Passthrough requests being handled right now, and the most seen at once. */
	stats: { inFlight: number; maxInFlight: number };
	resetStats(): void;
	close(): Promise<void>;
}

function unifiedError(status: number, error: string, message: string, headers: Record<string, string> = {}): Reply {
	return json(status, { statusCode: status, error, message }, headers);
}

function authorized(request: IncomingMessage, apiKey: string): boolean {
	const header = String(request.headers.authorization ?? '').trim();
	const token = header.replace(/^bearer\s+/i, '');
	return token === apiKey;
}

function send(response: ServerResponse, reply: Reply, extraHeaders: Record<string, string>): void {
	const headers: Record<string, string | string[]> = { ...extraHeaders, ...(reply.headers ?? {}) };
	const { body } = reply;
	if (body instanceof Readable) {
		response.writeHead(reply.status, headers);
		body.pipe(response);
		return;
	}
	let payload: Buffer | undefined;
	if (Buffer.isBuffer(body)) payload = body;
	else if (typeof body === 'string') payload = Buffer.from(body);
	else if (body !== undefined) payload = Buffer.from(JSON.stringify(body));
	if (payload) headers['content-length'] = String(payload.length);
	response.writeHead(reply.status, headers);
	response.end(payload);
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function listConnections(url: URL, connections: SimConnection[]): Reply {
	const limit = Math.min(Math.max(Number(url.searchParams.get('limit') ?? 100) || 100, 1), 100);
	const offset = Math.max(Number(url.searchParams.get('offset') ?? 0) || 0, 0);
	const xref = url.searchParams.get('external_xref');
	const categories = url.searchParams.getAll('categories');
	const matching = connections.filter(
		(connection) =>
			(xref === null || connection.external_xref === xref) &&
			categories.every((category) => connection.categories.includes(category)),
	);
	return json(200, matching.slice(offset, offset + limit));
}

/** Starts the Unified.to simulator on 127.0.0.1 (port 0 picks a free one). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
	const apiKey = options.apiKey ?? SIM_API_KEY;
	const connections = seedConnections(options.extraConnections ?? 0);
	const faults = new FaultInjector();
	const log: PassthroughLogEntry[] = [];
	const received: string[] = [];
	const lookups: string[] = [];
	const stats = { inFlight: 0, maxInFlight: 0 };
	const upstreams: Record<string, Upstream> = {
		acme: withPagedItems(acmeUpstream, createPagedUpstream({ items: options.acmeItems ?? 1000 })),
		hubspot: createHubSpotUpstream({ contacts: options.hubspotContacts ?? 250 }),
		slack: createSlackUpstream({ channels: options.slackChannels ?? 120 }),
		salesforce: createSalesforceUpstream({
			accounts: options.salesforceAccounts ?? 450,
			expired: new Set(['conn_salesforce_expired']),
		}),
	};

	async function passthrough(
		request: IncomingMessage,
		response: ServerResponse,
		url: URL,
		connectionId: string,
		rawPath: string,
		started: number,
	): Promise<void> {
		const connection = connections.find((entry) => entry.id === connectionId);
		if (!connection) {
			send(response, unifiedError(404, 'Not Found', `Connection ${connectionId} not found`), {});
			return;
		}
		let path: string;
		try {
			path = decodeURIComponent(rawPath).replace(/^\//, '');
		} catch {
			send(response, unifiedError(400, 'Bad Request', 'Malformed path'), {});
			return;
		}
		log.push({ connectionId, method: request.method ?? 'GET', path, rawQuery: url.search.replace(/^\?/, ''), startedAt: Date.now() });
		// Unified consumes __domain; the upstream never sees it.
		const query = new URLSearchParams(url.search);
		query.delete('__domain');
		const fault = faults.pick(
			{ connectionId, method: request.method ?? 'GET', path },
			request.headers['x-sim-fault'] as string | undefined,
		);
		if (fault && (await applyFault(fault, request, response, connection, started))) return;

		let cached: Promise<Buffer> | undefined;
		const abort = new AbortController();
		response.on('close', () => abort.abort());
		const upstreamRequest: UpstreamRequest = {
			method: request.method ?? 'GET',
			path,
			query,
			rawQuery: url.search
				.replace(/^\?/, '')
				.split('&')
				.filter((part) => part && new URLSearchParams(part).get('__domain') === null)
				.join('&'),
			// Unified consumes its own key; the upstream gets the connection's credentials instead.
			headers: Object.fromEntries(Object.entries(request.headers).filter(([name]) => name !== 'authorization')),
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
		const upstreamStarted = Date.now();
		const reply = await (upstreams[connection.integration_type] ?? acmeUpstream)(upstreamRequest);
		if (!cached) request.resume();
		const endApi = Date.now() - upstreamStarted;
		send(response, reply, {
			'x-response-time': `${Date.now() - started}ms`,
			'x-unified-response-time': `${Math.max(0, Date.now() - started - endApi)}ms`,
			'x-endapi-response-time': `${endApi}ms`,
		});
	}

	/** Returns true when the fault answered the request itself. */
	async function applyFault(
		fault: FaultRule,
		request: IncomingMessage,
		response: ServerResponse,
		connection: SimConnection,
		started: number,
	): Promise<boolean> {
		const timing = { 'x-response-time': `${Date.now() - started}ms`, 'x-endapi-response-time': '1ms' };
		switch (fault.kind) {
			case 'unified429':
				request.resume();
				send(
					response,
					unifiedError(429, 'Too Many Requests', 'Too many requests to unified.to API; max requests per minute: 60', retryAfterHeaders(fault)),
					{ 'x-response-time': '1ms' },
				);
				return true;
			case 'status': {
				request.resume();
				const status = fault.status ?? 503;
				const headers = retryAfterHeaders(fault);
				let reply: Reply;
				if (status === 429 && connection.integration_type === 'hubspot') reply = hubspotRateLimited();
				else if (status === 429 && connection.integration_type === 'slack') reply = slackRateLimited();
				else reply = json(status, { error: { code: `upstream_${status}`, message: `Simulated upstream status ${status}` } });
				send(response, { ...reply, headers: { ...reply.headers, ...headers } }, timing);
				return true;
			}
			case 'slowHeaders':
				await sleep(fault.delayMs ?? 1000);
				return false;
			case 'reset':
				request.resume();
				response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000', ...timing });
				response.write('{"partial": "');
				setTimeout(() => response.destroy(), 20);
				return true;
			case 'slowBody':
				request.resume();
				response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100', ...timing });
				response.write('{"slow": "');
				await sleep(fault.delayMs ?? 1000);
				if (!response.destroyed) response.end('done"}'.padEnd(90, ' '));
				return true;
			case 'hugeHeaders':
				request.resume();
				send(response, json(200, { ok: true }, { 'x-padding': 'x'.repeat(fault.headerBytes ?? 32 * 1024) }), timing);
				return true;
			case 'reply':
				request.resume();
				send(response, typeof fault.reply === 'function' ? fault.reply() : (fault.reply ?? { status: 200 }), { 'x-response-time': '1ms' });
				return true;
			case 'badJson':
				request.resume();
				send(response, { status: 200, headers: { 'content-type': 'application/json' }, body: '{"truncated": ' }, timing);
				return true;
			default:
				return false;
		}
	}

	async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const started = Date.now();
		received.push(`${request.method ?? 'GET'} ${request.url ?? '/'}`);
		const url = new URL(request.url ?? '/', 'http://simulator.local');
		if (!authorized(request, apiKey)) {
			request.resume();
			send(response, unifiedError(401, 'Unauthorized', 'Invalid or missing API token'), { 'x-response-time': '0ms' });
			return;
		}
		// Route on the raw path: the connection id and the passthrough path are split before decoding.
		const rawPathname = (request.url ?? '/').split('?')[0];
		const match = /^\/passthrough\/([^/]+)(\/.*)?$/.exec(rawPathname);
		if (match) {
			stats.inFlight++;
			stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
			response.on('close', () => stats.inFlight--);
			await passthrough(request, response, url, decodeURIComponent(match[1]), match[2] ?? '', started);
			return;
		}
		request.resume();
		if (request.method === 'GET' && url.pathname === '/unified/connection') {
			lookups.push(url.search.replace(/^\?/, ''));
			send(response, listConnections(url, connections), { 'x-response-time': '1ms' });
			return;
		}
		const single = /^\/unified\/connection\/([^/]+)$/.exec(url.pathname);
		if (request.method === 'GET' && single) {
			const found = connections.find((connection) => connection.id === decodeURIComponent(single[1]));
			send(response, found ? json(200, found) : unifiedError(404, 'Not Found', 'Connection not found'), {});
			return;
		}
		send(response, unifiedError(404, 'Not Found', `Route ${request.method} ${url.pathname} not found`), {});
	}

	const server: Server = createServer({ keepAliveTimeout: 60_000 }, (request, response) => {
		handle(request, response).catch((error: Error) => {
			if (!response.headersSent) send(response, unifiedError(500, 'Internal Server Error', error.message), {});
			else response.destroy();
		});
	});
	server.keepAliveTimeout = 60_000;
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return {
		baseUrl: `http://127.0.0.1:${port}`,
		apiKey,
		connections,
		faults,
		log,
		received,
		lookups,
		stats,
		resetStats() {
			log.length = 0;
			received.length = 0;
			lookups.length = 0;
			stats.maxInFlight = stats.inFlight;
			faults.clear();
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
