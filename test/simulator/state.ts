import { seedConnections } from './data';
import { FaultInjector } from './faults';
import type { RateLimiter } from './rateLimited';
import type { SimConnection } from './types';
import type { DeliveryAttempt } from './webhooks/deliveryLog';
import type { SimWebhook } from './webhooks/webhook';

export interface PassthroughLogEntry {
	connectionId: string;
	method: string;
	path: string;
	rawQuery: string;
	startedAt: number;
}

/** What one simulator instance holds: its connections and faults, and what it has received. */
export interface SimulatorState {
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
	/** The rate-limited connections (`simulator.rateLimited()`), by connection id. */
	rateLimits: Map<string, RateLimiter>;
	/** Unified's webhook subscriptions (webhooks/service.ts runs them). */
	webhooks: SimWebhook[];
	/** Every attempt to deliver to a webhook, in order. */
	deliveries: DeliveryAttempt[];
}

export function createState(extraConnections: number): SimulatorState {
	return {
		connections: seedConnections(extraConnections),
		faults: new FaultInjector(),
		log: [],
		received: [],
		lookups: [],
		stats: { inFlight: 0, maxInFlight: 0 },
		rateLimits: new Map(),
		webhooks: [],
		deliveries: [],
	};
}

/**
 * Forgets what was received and every fault, and refills every rate limit with fresh counters (the rate-limited
 * connections stay); requests still in flight keep counting.
 */
export function resetState(state: SimulatorState): void {
	state.log.length = 0;
	state.received.length = 0;
	state.lookups.length = 0;
	state.stats.maxInFlight = state.stats.inFlight;
	state.faults.clear();
	for (const limiter of state.rateLimits.values()) limiter.reset();
}
