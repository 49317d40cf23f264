/**
 * Records that change over time, for the polling trigger's tests and demo: HubSpot search, Salesforce SOQL,
 * Slack history and Acme's `v2/changes` read them, and a test adds or modifies records between polls through
 * `simulator.feed`. Times come from `now()` (the wall clock unless a test sets it).
 */
export interface FeedRecord {
	id: string;
	/** Epoch ms. */
	createdAt: number;
	updatedAt: number;
	fields: Record<string, unknown>;
	/** When a search shows this version, if not `indexLagMs` after its change (one record lagging alone). */
	visibleAt?: number;
	/** The version before the last change, what a lagging search index still shows. */
	previous?: FeedRecord;
}

export class ChangeFeed {
	private readonly collections = new Map<string, Map<string, FeedRecord>>();
	private readonly seeds = new Map<string, () => FeedRecord[]>();
	private counter = 0;
	/** `list()` per collection until it changes: large feeds are read page by page. */
	private readonly lists = new Map<string, FeedRecord[]>();
	/** How long a change takes to show in a search (HubSpot search only); 0: at once. */
	indexLagMs = 0;
	now: () => number = Date.now;

	/** Records to start a collection with, created the first time it is read or changed. */
	seed(name: string, records: () => FeedRecord[]): void {
		this.seeds.set(name, records);
	}

	has(name: string): boolean {
		return this.collections.has(name) || this.seeds.has(name);
	}

	collection(name: string): Map<string, FeedRecord> {
		let records = this.collections.get(name);
		if (!records) {
			records = new Map((this.seeds.get(name)?.() ?? []).map((record) => [record.id, record]));
			this.collections.set(name, records);
		}
		return records;
	}

	/** A new record; its id is generated unless given. */
	add(
		name: string,
		fields: Record<string, unknown> = {},
		options: { id?: string; at?: number } = {},
	): FeedRecord {
		const at = options.at ?? this.now();
		const id = options.id ?? String(5_000_000 + ++this.counter);
		const record: FeedRecord = { id, createdAt: at, updatedAt: at, fields: { ...fields } };
		this.collection(name).set(id, record);
		this.lists.delete(name);
		return record;
	}

	/** Changes a record's fields and stamps it with the current time (or `at`). */
	update(
		name: string,
		id: string,
		fields: Record<string, unknown> = {},
		options: { at?: number; visibleAt?: number } = {},
	): FeedRecord {
		const records = this.collection(name);
		const current = records.get(id);
		if (!current) throw new Error(`The feed "${name}" has no record "${id}"`);
		const { previous: _dropped, visibleAt: _shown, ...kept } = current;
		const record: FeedRecord = {
			...kept,
			visibleAt: options.visibleAt,
			updatedAt: options.at ?? this.now(),
			fields: { ...current.fields, ...fields },
			previous: kept,
		};
		records.set(id, record);
		this.lists.delete(name);
		return record;
	}

	/** Deletes a record (a webhook watching the collection reports it as deleted); returns it, if there was one. */
	remove(name: string, id: string): FeedRecord | undefined {
		const records = this.collection(name);
		const record = records.get(id);
		if (record) {
			records.delete(id);
			this.lists.delete(name);
		}
		return record;
	}

	/** The collections that exist or are seeded, whose names start with `prefix`. */
	names(prefix = ''): string[] {
		const names = new Set([...this.collections.keys(), ...this.seeds.keys()]);
		return [...names].filter((name) => name.startsWith(prefix)).sort();
	}

	/** Adds `count` records at once, with times one ms apart ending now (or as `at(index)` says). */
	addMany(
		name: string,
		count: number,
		make: (index: number) => Record<string, unknown> = () => ({}),
		at?: (index: number) => number,
	): void {
		const base = this.now() - count;
		for (let index = 0; index < count; index++)
			this.add(name, make(index), { at: at ? at(index) : base + index });
	}

	/** The search index catches up with one record. */
	reindex(name: string, id: string): void {
		const record = this.collection(name).get(id);
		if (record) record.visibleAt = undefined;
		this.lists.delete(name);
	}

	/** The records in the order they were added (do not change the array). */
	list(name: string): FeedRecord[] {
		let list = this.lists.get(name);
		if (!list) {
			list = [...this.collection(name).values()];
			this.lists.set(name, list);
		}
		return list;
	}

	/** What a search index shows now: each record's last version old enough, or nothing yet. */
	indexed(name: string): FeedRecord[] {
		const shown: FeedRecord[] = [];
		const now = this.now();
		const visibleUntil = now - this.indexLagMs;
		for (const record of this.collection(name).values()) {
			if (
				record.visibleAt !== undefined ? record.visibleAt <= now : record.updatedAt <= visibleUntil
			)
				shown.push(record);
			else if (record.previous && record.previous.updatedAt <= visibleUntil)
				shown.push(record.previous);
		}
		return shown;
	}

	clear(): void {
		this.collections.clear();
		this.lists.clear();
		this.indexLagMs = 0;
		this.now = Date.now;
	}
}

/** A filter or sort value: an epoch ms (number or digits), an ISO date, or text. */
export function comparable(value: unknown): number | string {
	if (typeof value === 'number') return value;
	const text = String(value ?? '');
	if (/^\d+$/.test(text)) return Number(text);
	const parsed = Date.parse(text);
	return Number.isNaN(parsed) ? text : parsed;
}
