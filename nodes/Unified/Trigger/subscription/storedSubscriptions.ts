import type { IDataObject } from 'n8n-workflow';

/** One subscription the node made, as kept in its static data. */
export interface StoredSubscription {
	id: string;
	event: string;
	hookUrl: string;
}

/**
 * The node's static data holds `{ subscriptions: [{ id, event, hookUrl }] }`, written only by checkExists,
 * create and delete (n8n does not save what webhook() writes). Anything not of that shape is ignored: a Code node
 * can write static data too, and a spoiled entry must not name a subscription to delete or to trust.
 */
export function readSubscriptions(staticData: IDataObject): StoredSubscription[] {
	const list = staticData.subscriptions;
	if (!Array.isArray(list)) return [];
	return list.filter(
		(entry): entry is StoredSubscription =>
			typeof entry === 'object' &&
			entry !== null &&
			typeof (entry as StoredSubscription).id === 'string' &&
			(entry as StoredSubscription).id !== '' &&
			typeof (entry as StoredSubscription).event === 'string' &&
			typeof (entry as StoredSubscription).hookUrl === 'string',
	);
}

export function writeSubscriptions(
	staticData: IDataObject,
	subscriptions: StoredSubscription[],
): void {
	if (subscriptions.length === 0) delete staticData.subscriptions;
	else
		staticData.subscriptions = subscriptions.map(({ id, event, hookUrl }) => ({
			id,
			event,
			hookUrl,
		}));
}
