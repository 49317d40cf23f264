import type { RecordKey } from '../sources/pollSource';

/** Time, then id: the order records are emitted in. */
export const byTimeThenId = (a: RecordKey, b: RecordKey) =>
	a.time - b.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The `limit` oldest of the records offered (time, then id), one version per id: the latest read. Holds at most
 * twice `limit` records, however many are offered: an unordered source's poll keeps what it can emit, not every
 * record it reads. The price of not remembering every id: a record that changed while the pages were read, whose
 * newer version was read first and left out, may be emitted in its older version, and the newer one next poll.
 */
export class OldestRecords<T extends RecordKey> {
	private held: T[] = [];
	/** The version of each id in `held`; an entry of `held` that is not here was replaced. */
	private readonly byId = new Map<string, T>();
	/** Set once records were left out: every record kept is older than this one, every record left out is not. */
	private bound: RecordKey | undefined;

	constructor(private readonly limit: number) {}

	offer(record: T): void {
		const known = this.byId.get(record.id);
		if (known) {
			if (known.time >= record.time) return;
			// A newer version: the older one is not emitted, whether or not the newer one fits.
			this.byId.delete(record.id);
		}
		if (this.bound && byTimeThenId(record, this.bound) >= 0) return;
		this.held.push(record);
		this.byId.set(record.id, record);
		if (this.held.length >= 2 * this.limit) this.trim();
	}

	/** Whether records were left out: the next poll goes on after the last record kept. */
	get cut(): boolean {
		return this.bound !== undefined;
	}

	/** The records kept, oldest first. */
	oldest(): T[] {
		this.trim();
		return this.held;
	}

	private trim(): void {
		const live = this.held.filter((record) => this.byId.get(record.id) === record);
		live.sort(byTimeThenId);
		if (live.length > this.limit) {
			const first = live[this.limit];
			this.bound = { id: first.id, time: first.time };
			for (const record of live.slice(this.limit)) this.byId.delete(record.id);
			live.length = this.limit;
		}
		this.held = live;
	}
}
