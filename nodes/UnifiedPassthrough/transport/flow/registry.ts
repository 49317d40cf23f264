import { ConnectionFlow } from './connectionFlow';

/** Connections remembered at once; beyond it, the least recently used idle one is forgotten. */
const MAX_CONNECTIONS = 1_000;
const FORGET_AFTER_IDLE_MS = 60_000;

// One per process: every execution of any node of this package that calls a connection shares its controller.
// Soft state only (a pace, a pause), never persisted: a restart or another queue-mode worker starts afresh.
const flows = new Map<string, ConnectionFlow>();

/** The flow controller of a connection, keyed by the credential's base URL and the connection id. */
export function connectionFlow(baseUrl: string, connectionId: string): ConnectionFlow {
	const key = `${baseUrl}\n${connectionId}`;
	let flow = flows.get(key);
	if (flow) {
		// Map keeps insertion order: moving it to the end keeps the least recently used first.
		flows.delete(key);
		// What a connection learned holds while it is busy; after a quiet minute the API's state has moved on.
		if (flow.idleSince(Date.now()) > FORGET_AFTER_IDLE_MS) flow = new ConnectionFlow();
	} else {
		flow = new ConnectionFlow();
		if (flows.size >= MAX_CONNECTIONS) forgetOneIdle();
	}
	flows.set(key, flow);
	return flow;
}

function forgetOneIdle(): void {
	for (const [key, flow] of flows) {
		if (flow.idle) {
			flows.delete(key);
			return;
		}
	}
}

/** How many connections are remembered (for tests of the bound). */
export function rememberedConnections(): number {
	return flows.size;
}

/** Forgets every connection: tests that must not inherit another test's learned pace call it between runs. */
export function forgetAllConnections(): void {
	flows.clear();
}
