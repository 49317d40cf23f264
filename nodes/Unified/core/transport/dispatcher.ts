import { EnvHttpProxyAgent, ProxyAgent, type Dispatcher } from 'undici';

export interface DispatcherSettings {
	/** Explicit proxy URL; empty means the standard proxy environment variables apply. */
	proxy?: string;
	allowUnauthorizedCerts?: boolean;
}

export const KEEP_ALIVE = {
	keepAliveTimeout: 30_000,
	keepAliveMaxTimeout: 600_000,
	// Timeouts are set per request (see send.ts); the dispatcher-wide ones must not cut them shorter.
	headersTimeout: 0,
	bodyTimeout: 0,
};

// One dispatcher per distinct setting, for the life of the process: every call goes to the same Unified host,
// so reusing keep-alive connections across items and executions is the biggest speed lever.
const dispatchers = new Map<string, Dispatcher>();
// A proxy given by an expression could differ per item; past this many, the oldest is forgotten so the map cannot
// grow without end. It is not closed: an item may still hold it, and its idle sockets time out on their own.
const MAX_DISPATCHERS = 16;

export function getDispatcher(settings: DispatcherSettings): Dispatcher {
	const proxy = (settings.proxy ?? '').trim();
	const insecure = settings.allowUnauthorizedCerts === true;
	const key = `${proxy}|${insecure}`;
	let dispatcher = dispatchers.get(key);
	if (!dispatcher) {
		const connect = insecure ? { rejectUnauthorized: false } : undefined;
		if (proxy) {
			dispatcher = new ProxyAgent({ uri: proxy, ...KEEP_ALIVE, connect, requestTls: connect });
		} else {
			dispatcher = new EnvHttpProxyAgent({ ...KEEP_ALIVE, connect });
		}
		if (dispatchers.size >= MAX_DISPATCHERS) {
			dispatchers.delete(dispatchers.keys().next().value as string);
		}
		dispatchers.set(key, dispatcher);
	}
	return dispatcher;
}
