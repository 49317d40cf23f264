import { addRateLimited, rateLimitCounters } from './control';
import { SIM_API_KEY } from './data';
import type { RateLimitCounters, RateLimitOptions } from './rateLimited';
import type { FaultInjector } from './faults';
import { createRoutes } from './routes';
import { listen } from './server';
import { createState, resetState, type PassthroughLogEntry, type SimulatorState } from './state';
import type { SimConnection } from './types';
import { createUpstreams, type UpstreamSizes } from './upstreams';
import { ChangeFeed } from './upstreams/changeFeed';

export { SIM_API_KEY } from './data';
export type { FaultRule } from './faults';
export type { PassthroughLogEntry } from './state';
export type { RateLimitCounters, RateLimitOptions, RateLimitStyle } from './rateLimited';
export { ChangeFeed } from './upstreams/changeFeed';

export interface SimulatorOptions extends UpstreamSizes {
	port?: number;
	apiKey?: string;
	/** Extra connections beyond the seeded ones (for connection-list paging); they have no upstream. */
	extraConnections?: number;
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
	stats: SimulatorState['stats'];
	/**
	 * Adds a connection whose upstream is a token bucket (see rateLimited.ts) and returns its id; an existing
	 * rate-limited `id` gets the new settings and fresh counters.
	 */
	rateLimited(options: RateLimitOptions): string;
	/** A snapshot of a rate-limited connection's counters: calls, served, 429s, calls per id, peak in flight. */
	rateLimitCounters(connectionId: string): RateLimitCounters;
	/** Records that change between polls (HubSpot search, Salesforce SOQL, Slack history, Acme v2/changes). */
	feed: ChangeFeed;
	/**
	 * Forgets what was received, every fault and every change to the feed; refills every rate limit with fresh
	 * counters.
	 */
	resetStats(): void;
	close(): Promise<void>;
}

/** Starts the Unified.to simulator on 127.0.0.1 (port 0 picks a free one). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
	const apiKey = options.apiKey ?? SIM_API_KEY;
	const state = createState(options.extraConnections ?? 0);
	const feed = new ChangeFeed();
	const server = await listen(
		createRoutes(apiKey, state, createUpstreams(options, feed), feed),
		options.port,
	);
	return {
		baseUrl: `http://127.0.0.1:${server.port}`,
		apiKey,
		connections: state.connections,
		faults: state.faults,
		log: state.log,
		received: state.received,
		lookups: state.lookups,
		stats: state.stats,
		rateLimited: (rateLimit) => addRateLimited(state, { ...rateLimit }),
		rateLimitCounters: (connectionId) => rateLimitCounters(state, connectionId),
		feed,
		resetStats: () => {
			resetState(state);
			feed.clear();
		},
		close: () => server.close(),
	};
}
