/**
 * Unified's virtual webhooks, simulated (issue 21; the contract in the notes). Where the simulator
 * chooses what Unified does not document:
 *
 * - A check finds changes by comparing the feed's record versions with the previous check (changes.ts), every
 *   `interval` × `tickMs`. The backfill (`include_all=true`) is sent at the webhook's first check (its first
 *   interval, or `trigger`), so a receiver has time to store the new webhook's id before the pages arrive; a
 *   backfill of nothing is one INITIAL-COMPLETE page with empty `data`.
 * - Deliveries of one webhook go out one after another, in order: a failing one holds the later ones while it
 *   retries (up to `retries` times, the n-th after Fibonacci(n) × `retryUnitMs`, then `is_healthy: false`).
 * - A paused or unhealthy webhook is not checked on its interval; `trigger` still checks and delivers (with the
 *   flags in the payload's `webhook`), which is how a test sees what a receiver does with such a delivery.
 * - A hook_url off this machine is never contacted: the attempt is logged with an error and not retried.
 * - A record's `raw` is the upstream's record as its own API returns it (HubSpot's `{id, properties, ...}`,
 *   Salesforce's `{attributes, Id, ...}`, Slack's message), not the simulator's feed record.
 * - `interval` defaults to 1 (minute); `fields` and `filters` are kept (Slack's `filters.channel_id` picks the
 *   channel), not applied. `DELETE /unified/webhook/{id}` answers 200 with no body, as Unified's SDK models it.
 * - "Up to 20 retries": a delivery is attempted at most 1 + `retries` times.
 */
import { randomUUID } from 'node:crypto';

import type { SimConnection } from '../types';
import type { ChangeFeed } from '../upstreams/changeFeed';
import { FeedChanges, type SeenRecord } from './changes';
import { DeliveryLog, type DeliveryAttempt, type DeliveryOrigin } from './deliveryLog';
import { watchedObject, type WatchedObject } from './objects';
import { postJson } from './post';
import { retryDelayMs, timerMs } from './retrySchedule';
import { webhookSignature } from './sign';
import { newWebhook, updatedWebhook, WebhookInputError, type SimWebhook } from './webhook';

export interface WebhookSettings {
	/** The workspace secret that signs deliveries. */
	secret: string;
	/** One minute of a webhook's `interval`, in ms. */
	tickMs: number;
	/** One minute of the retry schedule, in ms. */
	retryUnitMs: number;
	/** Retries of a failed delivery before the webhook is marked unhealthy. */
	retries: number;
}

/** What the service keeps in the simulator's state: the webhooks and every delivery attempt. */
export interface WebhookData {
	connections: SimConnection[];
	webhooks: SimWebhook[];
	deliveries: DeliveryAttempt[];
}

interface Delivery {
	body: string;
	nonce: string;
	type: string;
	recordIds: string[];
}

/** One webhook at work: its change detection, its timer and its queue of deliveries. */
interface Subscription {
	webhook: SimWebhook;
	object: WatchedObject;
	changes: FeedChanges;
	backfillPending: boolean;
	timer?: NodeJS.Timeout;
	queue: Promise<void>;
	last?: Delivery;
	abort: AbortController;
}

function pages<T>(items: T[], size: number): T[][] {
	const result: T[][] = [];
	for (let start = 0; start < items.length; start += size)
		result.push(items.slice(start, start + size));
	return result;
}

/** The nonce, type and record ids of a body sent as is, as far as it has them. */
function describe(body: string): Pick<Delivery, 'nonce' | 'type' | 'recordIds'> {
	try {
		const parsed = JSON.parse(body) as { nonce?: unknown; type?: unknown; data?: unknown };
		return {
			nonce: typeof parsed.nonce === 'string' ? parsed.nonce : '',
			type: typeof parsed.type === 'string' ? parsed.type : '',
			recordIds: Array.isArray(parsed.data)
				? parsed.data.map((record: { id?: unknown }) => String(record?.id ?? ''))
				: [],
		};
	} catch {
		return { nonce: '', type: '', recordIds: [] };
	}
}

export class WebhookService {
	readonly log: DeliveryLog;
	private readonly subscriptions = new Map<string, Subscription>();
	private readonly retryTimers = new Set<NodeJS.Timeout>();
	private created = 0;

	constructor(
		private readonly data: WebhookData,
		private readonly feed: ChangeFeed,
		readonly settings: WebhookSettings,
	) {
		this.log = new DeliveryLog(data.deliveries);
	}

	create(body: Record<string, unknown>, includeAll: boolean): SimWebhook {
		const webhook = newWebhook(
			body,
			this.data.connections,
			`wh_${this.created + 1}`,
			new Date().toISOString(),
		);
		this.created++;
		const object = watchedObject(webhook.object_type, webhook.integration_type)!;
		const subscription: Subscription = {
			webhook,
			object,
			changes: new FeedChanges(this.feed, () => object.collections(this.feed, webhook.filters)),
			backfillPending: includeAll,
			queue: Promise.resolve(),
			abort: new AbortController(),
		};
		this.subscriptions.set(webhook.id, subscription);
		this.data.webhooks.push(webhook);
		this.schedule(subscription);
		return webhook;
	}

	list(connectionId: string | null): SimWebhook[] {
		return this.data.webhooks.filter(
			(webhook) => connectionId === null || webhook.connection_id === connectionId,
		);
	}

	get(id: string): SimWebhook {
		return this.subscription(id).webhook;
	}

	update(id: string, body: Record<string, unknown>): SimWebhook {
		const subscription = this.subscription(id);
		const before = subscription.webhook.interval;
		Object.assign(
			subscription.webhook,
			updatedWebhook(subscription.webhook, body, new Date().toISOString()),
		);
		if (subscription.webhook.interval !== before) this.schedule(subscription);
		return subscription.webhook;
	}

	remove(id: string): SimWebhook {
		const subscription = this.subscription(id);
		this.stop(subscription);
		this.subscriptions.delete(id);
		this.data.webhooks.splice(this.data.webhooks.indexOf(subscription.webhook), 1);
		return subscription.webhook;
	}

	/** Checks the webhook now (paused or unhealthy too) and queues what it finds; Unified's `.../trigger`. */
	trigger(id: string): SimWebhook {
		const subscription = this.subscription(id);
		this.check(subscription);
		return subscription.webhook;
	}

	/** Sets the flags a test needs (Unified sets `is_healthy` itself; a user pauses). */
	setState(id: string, flags: Record<string, unknown>): SimWebhook {
		const { webhook } = this.subscription(id);
		for (const flag of ['is_paused', 'is_healthy'] as const) {
			if (flags[flag] === undefined) continue;
			if (typeof flags[flag] !== 'boolean')
				throw new WebhookInputError(`${flag} must be true or false`);
			webhook[flag] = flags[flag];
		}
		return webhook;
	}

	/** Sends the webhook's last delivery again, byte for byte (same nonce and sig), once. */
	async redeliver(id: string): Promise<DeliveryAttempt> {
		const subscription = this.subscription(id);
		if (!subscription.last)
			throw new WebhookInputError(`webhook ${id} has not delivered anything yet`, 409);
		return this.once(subscription, subscription.last, 'redeliver');
	}

	/** Sends `body` as is to the webhook's hook_url, once (a forged or damaged delivery). */
	async send(id: string, body: string): Promise<DeliveryAttempt> {
		const subscription = this.subscription(id);
		return this.once(subscription, { body, ...describe(body) }, 'send');
	}

	/** How many timers run now: one interval per webhook and one per delivery waiting to retry. */
	timerCount(): number {
		let intervals = 0;
		for (const subscription of this.subscriptions.values()) if (subscription.timer) intervals++;
		return intervals + this.retryTimers.size;
	}

	/** Stops every timer and delivery and forgets the webhooks and their deliveries. */
	reset(): void {
		this.stopAll();
		this.subscriptions.clear();
		this.data.webhooks.length = 0;
		this.log.clear('the simulator was reset');
	}

	/** Stops every timer and delivery (the simulator is closing). */
	close(): void {
		this.stopAll();
		this.log.clear('the simulator was closed');
	}

	private subscription(id: string): Subscription {
		const subscription = this.subscriptions.get(id);
		if (!subscription) throw new WebhookInputError('Webhook not found', 404);
		return subscription;
	}

	private schedule(subscription: Subscription): void {
		clearInterval(subscription.timer);
		const { webhook } = subscription;
		subscription.timer = setInterval(
			() => {
				if (!webhook.is_paused && webhook.is_healthy) this.check(subscription);
			},
			timerMs(webhook.interval * this.settings.tickMs),
		).unref();
	}

	private check(subscription: Subscription): void {
		const { webhook } = subscription;
		webhook.checked_at = new Date().toISOString();
		if (subscription.backfillPending) {
			subscription.backfillPending = false;
			const existing = pages(subscription.changes.existing(), webhook.page_max_limit);
			if (!existing.length) existing.push([]);
			existing.forEach((page, index) =>
				this.enqueue(
					subscription,
					page,
					index === existing.length - 1 ? 'INITIAL-COMPLETE' : 'INITIAL-PARTIAL',
					'backfill',
				),
			);
		}
		for (const page of pages(subscription.changes.take(webhook.event), webhook.page_max_limit))
			this.enqueue(subscription, page, 'VIRTUAL', 'check');
	}

	private enqueue(
		subscription: Subscription,
		records: SeenRecord[],
		type: string,
		origin: DeliveryOrigin,
	): void {
		const data = records.map(({ record, collection }) =>
			subscription.object.toUnified(record, collection),
		);
		const nonce = randomUUID();
		const sig = webhookSignature(this.settings.secret, data, nonce);
		const delivery: Delivery = {
			body: JSON.stringify({ data, webhook: { ...subscription.webhook }, nonce, sig, type }),
			nonce,
			type,
			recordIds: data.map((record) => record.id),
		};
		subscription.queue = subscription.queue.then(() =>
			this.deliver(subscription, delivery, origin),
		);
	}

	/**
	 * Sends a delivery, retrying on the Fibonacci schedule; after the last retry the webhook is unhealthy. Each
	 * attempt is logged after its consequence is set (the retry scheduled, the webhook marked), so whoever waits on
	 * the log sees them.
	 */
	private async deliver(
		subscription: Subscription,
		delivery: Delivery,
		origin: DeliveryOrigin,
	): Promise<void> {
		subscription.last = delivery;
		for (let attempt = 1; ; attempt++) {
			const sent = await this.attempt(subscription, delivery, attempt, origin);
			if (subscription.abort.signal.aborted) return;
			const delivered = sent.status !== undefined && sent.status >= 200 && sent.status < 300;
			if (delivered || sent.error?.startsWith('not sent')) {
				this.log.add(sent);
				return;
			}
			if (attempt > this.settings.retries) {
				subscription.webhook.is_healthy = false;
				this.log.add(sent);
				return;
			}
			const retry = this.wait(retryDelayMs(attempt, this.settings.retryUnitMs));
			this.log.add(sent);
			await retry;
		}
	}

	/** One POST of a delivery; the attempt as the log will hold it (not logged yet). */
	private async attempt(
		subscription: Subscription,
		delivery: Delivery,
		attempt: number,
		origin: DeliveryOrigin,
	): Promise<DeliveryAttempt> {
		const result = await postJson(
			subscription.webhook.hook_url,
			delivery.body,
			subscription.abort.signal,
		);
		return {
			webhookId: subscription.webhook.id,
			nonce: delivery.nonce,
			type: delivery.type,
			recordIds: delivery.recordIds,
			attempt,
			origin,
			...('status' in result ? { status: result.status } : { error: result.error }),
			at: new Date().toISOString(),
		};
	}

	/** A single attempt from a control request (redeliver, send), logged unless the webhook went meanwhile. */
	private async once(
		subscription: Subscription,
		delivery: Delivery,
		origin: DeliveryOrigin,
	): Promise<DeliveryAttempt> {
		const sent = await this.attempt(subscription, delivery, 1, origin);
		if (!subscription.abort.signal.aborted) this.log.add(sent);
		return sent;
	}

	private wait(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.retryTimers.delete(timer);
				resolve();
			}, timerMs(ms)).unref();
			this.retryTimers.add(timer);
		});
	}

	private stop(subscription: Subscription): void {
		clearInterval(subscription.timer);
		subscription.timer = undefined;
		subscription.abort.abort();
	}

	private stopAll(): void {
		for (const subscription of this.subscriptions.values()) this.stop(subscription);
		for (const timer of this.retryTimers) clearTimeout(timer);
		this.retryTimers.clear();
	}
}
