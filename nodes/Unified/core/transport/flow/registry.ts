import { createHash } from 'node:crypto';

import { ConnectionFlow } from './connectionFlow';

/** Connections remembered at once; beyond it, the idle ones are forgotten, least recently used first. */
const MAX_CONNECTIONS = 1_000;
const FORGET_AFTER_IDLE_MS = 60_000;

// One per process: every execution of any node of this package that calls a connection shares its controller.
// Soft state only (a pace, a pause), never persisted: a restart or another queue-mode worker starts afresh.
const flows = new Map<string, ConnectionFlow>();
// The idle ones among them, in the order they went idle: forgetting the oldest is O(1), never a scan.
const idle = new Map<string, ConnectionFlow>();

/**
 * Which credential a controller serves, without the key: a SHA-256 digest of the base URL and the key. Two
 * workspaces (or one attacker's key) calling the same connection id never share a pause or a pace.
 */
export function credentialScope(baseUrl: string, apiKey: string): string {
	return createHash('sha256')
		.update(JSON.stringify([baseUrl, apiKey]))
		.digest('hex');
}

/** The flow controller of a connection, keyed by the credential's scope (see credentialScope) and the connection id. */
export function connectionFlow(scope: string, connectionId: string): ConnectionFlow {
	const key = `${scope}\n${connectionId}`;
	let flow = flows.get(key);
	// What a connection learned holds while it is busy; after a quiet minute the API's state has moved on.
	if (flow && flow.idleSince(Date.now()) > FORGET_AFTER_IDLE_MS) {
		forget(key);
		flow = undefined;
	}
	if (!flow) {
		sweep(1);
		const created: ConnectionFlow = new ConnectionFlow(undefined, {
			onIdle: () => {
				if (flows.get(key) !== created) return;
				idle.delete(key);
				idle.set(key, created);
				sweep();
			},
			onBusy: () => {
				// A controller already forgotten (a retry still holds it) must not touch its successor's entry.
				if (idle.get(key) === created) idle.delete(key);
			},
		});
		flow = created;
		flows.set(key, flow);
		idle.set(key, flow);
	} else if (idle.has(key)) {
		// Looked up again: the most recently used idle one.
		idle.delete(key);
		idle.set(key, flow);
	}
	return flow;
}

function forget(key: string): void {
	flows.delete(key);
	idle.delete(key);
}

/**
 * Beyond the bound (less `room` for one about to be added), forgets idle connections, the least recently used
 * first; busy ones stay until released.
 */
function sweep(room = 0): void {
	while (flows.size + room > MAX_CONNECTIONS && idle.size > 0) forget(idle.keys().next().value!);
}

/** How many connections are remembered (for tests of the bound). */
export function rememberedConnections(): number {
	return flows.size;
}

/** Forgets every connection: tests that must not inherit another test's learned pace call it between runs. */
export function forgetAllConnections(): void {
	flows.clear();
	idle.clear();
}
