import { createHash } from 'node:crypto';

/**
 * What the trigger remembers between polls, in the workflow's static data for the node. Written once, at the end
 * of a successful poll; a failed poll leaves it as it was.
 */
export interface PollState {
	version: 2;
	/** Of the settings that decide which records exist (connection, source, object or query, properties, event). */
	fingerprint: string;
	/** The time (epoch ms) up to which every record has been handled; null: none yet (read from the beginning). */
	watermark: number | null;
	/** Records at or before this time count as seen: set when the seen set had to be cut to its bound. */
	floor: number | null;
	/**
	 * [digest of a record id, the time value it was handled with], for records within the lookback window. Pairs,
	 * not an object keyed by id: every id survives n8n's copies of static data (an object drops `__proto__`).
	 */
	seen: Array<[string, number]>;
}

export const STATE_KEY = 'pollState';
/** The most ids the state keeps (one `["<16-character digest>",<time>]` pair each, about 35 bytes). */
export const MAX_SEEN_IDS = 20_000;
/**
 * The most bytes the seen pairs take as JSON. Ids that share the newest time may exceed MAX_SEEN_IDS (the next
 * query starts at that time), but not this: n8n stores the static data in its database with every change.
 */
export const MAX_SEEN_BYTES = 1_500_000;

/** A short hash of the settings that decide which records exist: changing any of them starts over. */
export function stateFingerprint(parts: unknown[]): string {
	return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

/** What the state stores for a record id: 96 bits of its SHA-256 as base64url (16 characters, whatever the id). */
export function idDigest(id: string): string {
	return createHash('sha256').update(id, 'utf8').digest().subarray(0, 12).toString('base64url');
}

function isTime(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}

const DIGEST = /^[A-Za-z0-9_-]{16}$/;

/** Version 2's pairs, or version 1's `{ id: time }` object (saved by earlier versions) with its ids digested. */
function readSeen(version: number, raw: unknown): Array<[string, number]> {
	const seen: Array<[string, number]> = [];
	if (version === 1) {
		if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return seen;
		for (const [id, time] of Object.entries(raw)) if (isTime(time)) seen.push([idDigest(id), time]);
		return seen;
	}
	if (!Array.isArray(raw)) return seen;
	for (const pair of raw as unknown[]) {
		if (!Array.isArray(pair) || pair.length !== 2) continue;
		const [digest, time] = pair as unknown[];
		if (typeof digest === 'string' && DIGEST.test(digest) && isTime(time))
			seen.push([digest, time]);
	}
	return seen;
}

/** The stored state, or undefined when there is none, it is unreadable, or it belongs to other settings. */
export function readState(raw: unknown, fingerprint: string): PollState | undefined {
	if (typeof raw !== 'object' || raw === null) return undefined;
	const state = raw as { version?: unknown; fingerprint?: unknown; watermark?: unknown };
	if (state.version !== 1 && state.version !== 2) return undefined;
	if (state.fingerprint !== fingerprint) return undefined;
	if (state.watermark !== null && !isTime(state.watermark)) return undefined;
	const { floor, seen } = raw as { floor?: unknown; seen?: unknown };
	return {
		version: 2,
		fingerprint,
		watermark: state.watermark,
		floor: isTime(floor) ? floor : null,
		seen: readSeen(state.version, seen),
	};
}

/** The records one poll has handled on top of the stored state; the stored state itself is never changed. */
export class SeenWindow {
	private readonly seen: Map<string, number>;

	constructor(
		state: Pick<PollState, 'seen' | 'floor'> | undefined,
		readonly floor: number | null = state?.floor ?? null,
	) {
		this.seen = new Map(state?.seen ?? []);
	}

	/** Handled before with this same time value (or older than the floor): not emitted again. */
	has(id: string, time: number): boolean {
		if (this.floor !== null && time <= this.floor) return true;
		return this.seen.get(this.digestOf(id)) === time;
	}

	mark(id: string, time: number): void {
		this.seen.set(this.digestOf(id), time);
	}

	/** Marks the id unless it is marked with a later time (a record read twice while it changed). */
	markLatest(id: string, time: number): void {
		const digest = this.digestOf(id);
		const known = this.seen.get(digest);
		if (known === undefined || known < time) this.seen.set(digest, time);
	}

	private last: { id: string; digest: string } | undefined;

	/** A record is checked, then marked: the second look at the same id reuses its hash. */
	private digestOf(id: string): string {
		if (this.last?.id !== id) this.last = { id, digest: idDigest(id) };
		return this.last.digest;
	}

	/** [digest, time] pairs. */
	entries(): IterableIterator<[string, number]> {
		return this.seen.entries();
	}
}

/** The bytes a pair takes in the stored JSON, with its comma. */
const pairBytes = ([digest, time]: [string, number]) => digest.length + String(time).length + 6;

/**
 * The state after a poll: the ids within the lookback window before the new watermark, at most `maxSeen` of them.
 * Over the bound, the oldest times go first, a time's ids all together, and the floor rises to the newest time
 * dropped: those records count as seen from then on (never emitted twice; a record that an index shows later
 * than that is missed, which is what the bound costs). The ids of the newest time are kept whole past `maxSeen`
 * (the next query starts there), up to `maxBytes`; past that, the floor rises to the newest time too, and records
 * of that time not read yet are missed.
 */
export function nextState(input: {
	fingerprint: string;
	watermark: number | null;
	floor: number | null;
	seen: Iterable<[string, number]>;
	lookbackMs: number;
	maxSeen?: number;
	maxBytes?: number;
}): PollState {
	const maxSeen = input.maxSeen ?? MAX_SEEN_IDS;
	const maxBytes = input.maxBytes ?? MAX_SEEN_BYTES;
	const cutoff = input.watermark === null ? -Infinity : input.watermark - input.lookbackMs;
	let floor = input.floor;
	let kept: Array<[string, number]> = [];
	for (const entry of input.seen) {
		if (entry[1] >= cutoff && (floor === null || entry[1] > floor)) kept.push(entry);
	}
	kept.sort((a, b) => b[1] - a[1]);
	let bytes = 0;
	let end = 0;
	while (end < kept.length) {
		// Never split the ids of one time: either all of them stay or the floor covers them all.
		let next = end;
		let groupBytes = 0;
		while (next < kept.length && kept[next][1] === kept[end][1])
			groupBytes += pairBytes(kept[next++]);
		// A time whose ids start within maxSeen stays whole; the newest time always (up to maxBytes).
		if (bytes + groupBytes > maxBytes || (end > 0 && end >= maxSeen)) break;
		bytes += groupBytes;
		end = next;
	}
	if (end < kept.length) {
		floor = Math.max(floor ?? -Infinity, kept[end][1]);
		kept = kept.slice(0, end);
	}
	return {
		version: 2,
		fingerprint: input.fingerprint,
		watermark: input.watermark,
		floor,
		seen: kept,
	};
}
