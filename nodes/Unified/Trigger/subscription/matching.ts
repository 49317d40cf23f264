import type { StoredSubscription } from './storedSubscriptions';
import type { UnifiedWebhook } from './webhookApi';

/** What every subscription of this node must say. */
export interface WantedSubscriptions {
	hookUrl: string;
	connectionId: string;
	objectType: string;
	events: readonly string[];
}

/**
 * Whether Unified.to's subscription is still the one the node stored for this event, and still delivering: a paused
 * or unhealthy one (deliveries failed, e.g. while n8n was down) is made again, and a create that fails then names
 * the cause (a paused connection).
 */
export function stillMatches(
	stored: StoredSubscription,
	remote: UnifiedWebhook | undefined,
	wanted: WantedSubscriptions,
): boolean {
	return (
		remote !== undefined &&
		remote.id === stored.id &&
		stored.hookUrl === wanted.hookUrl &&
		remote.hook_url === wanted.hookUrl &&
		remote.connection_id === wanted.connectionId &&
		remote.object_type === wanted.objectType &&
		remote.event === stored.event &&
		remote.is_paused !== true &&
		remote.is_healthy !== false
	);
}

/**
 * Whether the stored subscriptions cover exactly the wanted events, one each: an event added or removed in the
 * node, or a subscription listed twice, means they must be made again.
 */
export function coversEvents(
	stored: readonly StoredSubscription[],
	events: readonly string[],
): boolean {
	const storedEvents = stored.map((subscription) => subscription.event);
	return (
		storedEvents.length === events.length &&
		new Set(storedEvents).size === storedEvents.length &&
		events.every((event) => storedEvents.includes(event))
	);
}

/** The subscriptions to remove before creating: those the node stored, and any other one aimed at this URL. */
export function subscriptionsToReplace(
	stored: readonly StoredSubscription[],
	listed: readonly UnifiedWebhook[],
	hookUrl: string,
): string[] {
	const ids = new Set(stored.map((subscription) => subscription.id));
	for (const webhook of listed) if (webhook.hook_url === hookUrl) ids.add(webhook.id);
	return [...ids];
}
