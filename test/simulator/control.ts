import type { IncomingMessage } from 'node:http';

import { rateLimitedConnection } from './data';
import {
	RateLimitError,
	RateLimiter,
	rateLimitOptions,
	type RateLimitCounters,
} from './rateLimited';
import { unifiedError } from './reply';
import type { SimulatorState } from './state';
import { json, type Reply } from './types';
import type { ChangeFeed } from './upstreams/changeFeed';
import { recordControlRoute } from './recordControl';

/**
 * Adds a rate-limited connection (or gives an existing one new settings and fresh counters) and returns its id.
 * Throws a RateLimitError for options it cannot apply.
 */
export function addRateLimited(state: SimulatorState, fields: Record<string, unknown>): string {
	const options = rateLimitOptions(fields);
	const id = options.id ?? `conn_ratelimited_${state.rateLimits.size + 1}`;
	const existing = state.connections.find((connection) => connection.id === id);
	if (existing && !state.rateLimits.has(id))
		throw new RateLimitError(`connection ${id} exists and is not rate-limited`);
	if (!existing) state.connections.push(rateLimitedConnection(id));
	state.rateLimits.set(id, new RateLimiter({ ...options, id }));
	return id;
}

/** A snapshot of a rate-limited connection's counters. */
export function rateLimitCounters(state: SimulatorState, id: string): RateLimitCounters {
	const limiter = state.rateLimits.get(id);
	if (!limiter) throw new RateLimitError(`connection ${id} is not rate-limited`);
	return structuredClone(limiter.counters);
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	const parsed: unknown = text ? JSON.parse(text) : {};
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
		throw new RateLimitError('the body must be a JSON object');
	return parsed as Record<string, unknown>;
}

/**
 * Changes a feed record's fields (stamped now), or adds the record when the feed has no such id; returns its id and
 * time. What a user editing a HubSpot contact does, for a trigger polling a simulator in another process.
 */
export function changeFeedRecord(
	feed: ChangeFeed,
	name: string,
	fields: Record<string, unknown>,
): { id: string; updatedAt: number } {
	if (!feed.has(name)) throw new RateLimitError(`the feed has no collection ${name}`);
	const { id, fields: values = {} } = fields as { id?: unknown; fields?: unknown };
	if (id !== undefined && typeof id !== 'string') throw new RateLimitError('id must be a string');
	if (typeof values !== 'object' || values === null || Array.isArray(values))
		throw new RateLimitError('fields must be an object');
	const changed =
		id !== undefined && feed.collection(name).has(id)
			? feed.update(name, id, values as Record<string, unknown>)
			: feed.add(name, values as Record<string, unknown>, { id });
	return { id: changed.id, updatedAt: changed.updatedAt };
}

/**
 * The control endpoint, for a simulator in another process (the bench, the e2e run), out of the paths the real
 * service has:
 *
 * - `POST /_sim/rate-limited` `{rate, burst?, latencyMs?, rejectLatencyMs?, style?, id?}` -> `201 {connectionId}`
 * - `GET /_sim/rate-limited/:id` -> its counters
 * - `POST /_sim/rate-limited/:id/reset` -> a full bucket and fresh counters
 * - `POST /_sim/feed/:collection` `{id?, fields?}` (collection: `hubspot:contacts` ...) -> `200 {id, updatedAt}`
 * - `GET /_sim/log/:connectionId` -> `200 {requests}`: the passthrough requests it received (a trigger's polls)
 *
 * Undefined for any other route (the caller then reads the body itself).
 */
export async function controlRoute(
	request: IncomingMessage,
	url: URL,
	state: SimulatorState,
	feed?: ChangeFeed,
): Promise<Reply | undefined> {
	const method = request.method ?? 'GET';
	if (!url.pathname.startsWith('/_sim/')) return undefined;
	try {
		if (url.pathname === '/_sim/rate-limited' && method === 'POST') {
			return json(201, { connectionId: addRateLimited(state, await readJson(request)) });
		}
		const feedRoute = /^\/_sim\/feed\/([\w:%-]+)$/.exec(url.pathname);
		if (feedRoute && feed && method === 'POST') {
			return json(
				200,
				changeFeedRecord(feed, feedRoute[1].replace(/%3A/gi, ':'), await readJson(request)),
			);
		}
		const logRoute = /^\/_sim\/log\/([\w-]+)$/.exec(url.pathname);
		if (logRoute && method === 'GET') {
			request.resume();
			const requests = state.log.filter((entry) => entry.connectionId === logRoute[1]).length;
			return json(200, { requests });
		}
		const match = /^\/_sim\/rate-limited\/([\w-]+)(\/reset)?$/.exec(url.pathname);
		if (match && method === (match[2] ? 'POST' : 'GET')) {
			request.resume();
			if (match[2]) {
				const limiter = state.rateLimits.get(match[1]);
				if (!limiter) throw new RateLimitError(`connection ${match[1]} is not rate-limited`);
				limiter.reset();
			}
			return json(200, rateLimitCounters(state, match[1]));
		}
		// Records a trigger reads, by kind (`POST /_sim/records/hubspot-contact`...): see recordControl.ts.
		const record = feed && (await recordControlRoute(request, url, feed));
		if (record) return record;
	} catch (error) {
		if (!(error instanceof RateLimitError) && !(error instanceof SyntaxError)) throw error;
		return unifiedError(400, 'Bad Request', error.message);
	}
	return undefined;
}
