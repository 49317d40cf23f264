import { unifiedError } from './reply';
import type { SimulatorState } from './state';
import { json, type Reply } from './types';

/** `GET /unified/connection` and `GET /unified/connection/:id`; undefined for any other route. */
export function unifiedApiRoute(
	method: string,
	url: URL,
	state: SimulatorState,
): Reply | undefined {
	if (method !== 'GET') return undefined;
	if (url.pathname === '/unified/connection') {
		state.lookups.push(url.search.replace(/^\?/, ''));
		const reply = listConnections(url, state);
		return { ...reply, headers: { 'x-response-time': '1ms', ...reply.headers } };
	}
	const single = /^\/unified\/connection\/([^/]+)$/.exec(url.pathname);
	if (single) {
		const found = state.connections.find(
			(connection) => connection.id === decodeURIComponent(single[1]),
		);
		return found ? json(200, found) : unifiedError(404, 'Not Found', 'Connection not found');
	}
	return undefined;
}

function listConnections(url: URL, state: SimulatorState): Reply {
	const limit = Math.min(Math.max(Number(url.searchParams.get('limit') ?? 100) || 100, 1), 100);
	const offset = Math.max(Number(url.searchParams.get('offset') ?? 0) || 0, 0);
	const xref = url.searchParams.get('external_xref');
	const categories = url.searchParams.getAll('categories');
	const matching = state.connections.filter(
		(connection) =>
			(xref === null || connection.external_xref === xref) &&
			categories.every((category) => connection.categories.includes(category)),
	);
	return json(200, matching.slice(offset, offset + limit));
}
