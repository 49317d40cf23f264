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
import type { DeliveryAttempt, DeliveryWait } from './webhooks/deliveryLog';
import { WebhookService } from './webhooks/service';
import { SIM_WEBHOOK_SECRET } from './webhooks/sign';
import type { SimWebhook } from './webhooks/webhook';

export { SIM_API_KEY } from './data';
export type { FaultRule } from './faults';
export type { PassthroughLogEntry } from './state';
export type { RateLimitCounters, RateLimitOptions, RateLimitStyle } from './rateLimited';
export { ChangeFeed } from './upstreams/changeFeed';
export type { DeliveryAttempt, DeliveryOrigin, DeliveryWait } from './webhooks/deliveryLog';
export { SIM_WEBHOOK_SECRET, webhookSignature } from './webhooks/sign';
export type { SimWebhook, WebhookEvent } from './webhooks/webhook';

export interface SimulatorOptions extends UpstreamSizes {
	port?: number;
	apiKey?: string;
	/** Extra connections beyond the seeded ones (for connection-list paging); they have no upstream. */
	extraConnections?: number;
	/** The workspace secret that signs webhook deliveries (default SIM_WEBHOOK_SECRET). */
	webhookSecret?: string;
	/** One minute of a webhook's `interval`, in ms (default 1000: a 1-minute webhook checks every second). */
	webhookTickMs?: number;
	/** One minute of the retry schedule, in ms (default 100: retries after 100, 200, 300, 500 ... ms). */
	webhookRetryUnitMs?: number;
	/** Retries of a failed delivery before the webhook is marked unhealthy (default 20, as Unified). */
	webhookRetries?: number;
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
	/** Unified's webhook subscriptions, live (`POST /unified/webhook` adds one). */
	webhooks: SimWebhook[];
	/** The workspace secret that signs deliveries. */
	webhookSecret: string;
	/** Every delivery attempt, in order (a retry is another entry with the same nonce). */
	deliveries: DeliveryAttempt[];
	/**
	 * The first attempt at log index `after` or later (default: the next one), for `webhookId` if given; rejects
	 * after `timeoutMs` (default 10 s). Take `after` from `deliveries.length` before the action that should deliver.
	 */
	nextDelivery(wait?: DeliveryWait): Promise<DeliveryAttempt>;
	/** Checks a webhook now (paused or unhealthy too) and queues what it finds, as `PUT /unified/webhook/{id}/trigger`. */
	triggerWebhook(id: string): SimWebhook;
	/** Sends a webhook's last delivery again, byte for byte (same nonce and sig), once. */
	redeliver(id: string): Promise<DeliveryAttempt>;
	/** Sends `body` to a webhook's hook_url once: a string as is, anything else as JSON (a forged delivery). */
	sendToWebhook(id: string, body: unknown): Promise<DeliveryAttempt>;
	/** Sets a webhook's `is_paused` / `is_healthy`; a paused or unhealthy webhook is not checked on its interval. */
	setWebhookState(id: string, flags: { is_paused?: boolean; is_healthy?: boolean }): SimWebhook;
	/** How many webhook timers run now (one interval per webhook, one per delivery waiting to retry). */
	webhookTimers(): number;
	/**
	 * Forgets what was received, every fault, every change to the feed, every webhook and delivery (their timers
	 * stop); refills every rate limit with fresh counters.
	 */
	resetStats(): void;
	/** Stops the server and every webhook timer and delivery. */
	close(): Promise<void>;
}

/** Starts the Unified.to simulator on 127.0.0.1 (port 0 picks a free one). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
	const apiKey = options.apiKey ?? SIM_API_KEY;
	const state = createState(options.extraConnections ?? 0);
	const feed = new ChangeFeed();
	const webhooks = new WebhookService(state, feed, {
		secret: options.webhookSecret ?? SIM_WEBHOOK_SECRET,
		tickMs: options.webhookTickMs ?? 1000,
		retryUnitMs: options.webhookRetryUnitMs ?? 100,
		retries: options.webhookRetries ?? 20,
	});
	const server = await listen(
		createRoutes(apiKey, state, createUpstreams(options, feed), feed, webhooks),
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
		webhooks: state.webhooks,
		webhookSecret: webhooks.settings.secret,
		deliveries: state.deliveries,
		nextDelivery: (wait) => webhooks.log.next(wait),
		triggerWebhook: (id) => webhooks.trigger(id),
		redeliver: (id) => webhooks.redeliver(id),
		sendToWebhook: (id, body) =>
			webhooks.send(id, typeof body === 'string' ? body : JSON.stringify(body)),
		setWebhookState: (id, flags) => webhooks.setState(id, flags),
		webhookTimers: () => webhooks.timerCount(),
		resetStats: () => {
			resetState(state);
			webhooks.reset();
			feed.clear();
		},
		close: () => {
			webhooks.close();
			return server.close();
		},
	};
}
