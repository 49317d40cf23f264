import type { ChangeFeed, FeedRecord } from '../upstreams/changeFeed';
import type { WebhookEvent } from './webhook';

export interface SeenRecord {
	collection: string;
	record: FeedRecord;
}

/**
 * What a virtual webhook finds on each check: the feed's records compared with the ones it saw at its last
 * check. A record it did not see was created; one whose version changed (the feed replaces a record on each
 * change), or a new one modified after its creation, was updated; one that is gone was deleted (its last version).
 * Comparing versions instead of times misses nothing changed within the millisecond of a check.
 */
export class FeedChanges {
	private seen = new Map<string, SeenRecord>();

	constructor(
		private readonly feed: ChangeFeed,
		private readonly collections: () => string[],
	) {
		this.seen = this.current();
	}

	/** Every record the webhook's collections hold now, in the order they were added. */
	existing(): SeenRecord[] {
		return [...this.seen.values()];
	}

	/** The records that had `event` since the last check (or since the start); the check's state moves on. */
	take(event: WebhookEvent): SeenRecord[] {
		const previous = this.seen;
		const current = this.current();
		this.seen = current;
		if (event === 'deleted')
			return [...previous].filter(([key]) => !current.has(key)).map(([, seen]) => seen);
		const found: SeenRecord[] = [];
		for (const [key, seen] of current) {
			const before = previous.get(key);
			const changed =
				event === 'created'
					? !before
					: before
						? before.record !== seen.record
						: seen.record.updatedAt > seen.record.createdAt;
			if (changed) found.push(seen);
		}
		return found;
	}

	private current(): Map<string, SeenRecord> {
		const records = new Map<string, SeenRecord>();
		for (const collection of this.collections()) {
			// A collection nobody has read yet stays unread: reading it would create it, and an empty Salesforce
			// collection would then hide the seeded accounts from SOQL.
			if (!this.feed.has(collection)) continue;
			for (const record of this.feed.list(collection))
				records.set(`${collection}\u0000${record.id}`, { collection, record });
		}
		return records;
	}
}
