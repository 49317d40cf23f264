import { createHash } from 'node:crypto';

/**
 * What the trigger remembers between polls, in the workflow's static data for the node. Written once, at the end
 * of a successful poll; a failed poll leaves it as it was.
 */
export interface PollState {
	version: 1;
	/** Of the settings that decide which records exist (connection, source, object or query, properties, event). */
	fingerprint: string;
	/** The time (epoch ms) up to which every record has been handled; null: none yet (read from the beginning). */
	watermark: number | null;
	/** Records at or before this time count as seen: set when the seen set had to be cut to its bound. */
	floor: number | null;
	/** Record id -> the time value it was handled with, for records within the lookback window. */
	seen: Record<string, number>;
}

export const STATE_KEY = 'pollState';
/** The most ids the state keeps (about 40 bytes each in the workflow's static data). */
export const MAX_SEEN_IDS = 20_000;

/** A short hash of the settings that decide which records exist: changing any of them starts over. */
export function stateFingerprint(parts: unknown[]): string {
	return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

function isTime(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}

/** The stored state, or undefined when there is none, it is unreadable, or it belongs to other settings. */
export function readState(raw: unknown, fingerprint: string): PollState | undefined {
	if (typeof raw !== 'object' || raw === null) return undefined;
	const state = raw as Partial<PollState>;
	if (state.version !== 1 || state.fingerprint !== fingerprint) return undefined;
	if (state.watermark !== null && !isTime(state.watermark)) return undefined;
	const seen: Record<string, number> = {};
	for (const [id, time] of Object.entries(state.seen ?? {})) if (isTime(time)) seen[id] = time;
	return {
		version: 1,
		fingerprint,
		watermark: state.watermark,
		floor: isTime(state.floor) ? state.floor : null,
		seen,
	};
}

/** The records one poll has handled on top of the stored state; the stored state itself is never changed. */
export class SeenWindow {
	private readonly seen: Map<string, number>;

	constructor(
		state: Pick<PollState, 'seen' | 'floor'> | undefined,
		readonly floor: number | null = state?.floor ?? null,
	) {
		this.seen = new Map(Object.entries(state?.seen ?? {}));
	}

	/** Handled before with this same time value (or older than the floor): not emitted again. */
	has(id: string, time: number): boolean {
		if (this.floor !== null && time <= this.floor) return true;
		return this.seen.get(id) === time;
	}

	mark(id: string, time: number): void {
		this.seen.set(id, time);
	}

	entries(): IterableIterator<[string, number]> {
		return this.seen.entries();
	}
}

/**
 * The state after a poll: the ids within the lookback window before the new watermark, at most `maxSeen` of them.
 * Over the bound, the oldest times go first, a time's ids all together, and the floor rises to the newest time
 * dropped: those records count as seen from then on (never emitted twice; a record that an index shows later
 * than that is missed, which is what the bound costs).
 */
export function nextState(input: {
	fingerprint: string;
	watermark: number | null;
	floor: number | null;
	seen: Iterable<[string, number]>;
	lookbackMs: number;
	maxSeen?: number;
}): PollState {
	const maxSeen = input.maxSeen ?? MAX_SEEN_IDS;
	const cutoff = input.watermark === null ? -Infinity : input.watermark - input.lookbackMs;
	let floor = input.floor;
	let kept: Array<[string, number]> = [];
	for (const entry of input.seen) {
		if (entry[1] >= cutoff && (floor === null || entry[1] > floor)) kept.push(entry);
	}
	if (kept.length > maxSeen) {
		kept.sort((a, b) => b[1] - a[1]);
		let end = maxSeen;
		// Never split the newest time's ids (the ones at the watermark): the next query starts there.
		while (end < kept.length && kept[end][1] === kept[end - 1][1]) end++;
		if (end < kept.length) {
			floor = Math.max(floor ?? -Infinity, kept[end][1]);
			kept = kept.slice(0, end);
		}
	}
	const seen: Record<string, number> = {};
	for (const [id, time] of kept) seen[id] = time;
	return { version: 1, fingerprint: input.fingerprint, watermark: input.watermark, floor, seen };
}
