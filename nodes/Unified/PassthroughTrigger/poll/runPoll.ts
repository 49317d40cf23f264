import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_MAX_RECORDS_READ_PER_POLL } from '../../core/shared/defaults';
import { PassthroughFailure } from '../../core/errors';
import type { PollEvent, PollSource, RecordKey } from '../sources/pollSource';
import { byTimeThenId, OldestRecords } from './oldestRecords';
import { readPages, type FetchPage } from './readPages';
import { nextState, SeenWindow, type PollState } from './state';
import { EARLIEST_SINCE_MS, isoTime, unusableTime } from './time';

export type FirstPoll = 'emitNothing' | 'emitAll' | 'emitSince';

export interface PollSettings {
	event: PollEvent;
	firstPoll: FirstPoll;
	/** Epoch ms, for `emitSince`. */
	firstPollSince?: number;
	maxRecordsPerPoll: number;
	/** Records one poll of a source without order may read (it reads every page); past it, the poll fails. */
	maxRecordsReadPerPoll?: number;
	lookbackMs: number;
	maxSeen?: number;
}

export interface PollInput {
	source: PollSource;
	fetchPage: FetchPage;
	/** The stored state when it belongs to these settings; undefined: this is a first poll. */
	state: PollState | undefined;
	/**
	 * With no state: a first poll of these settings handled every record up to this time (epoch ms) and its state
	 * was lost (see firstPoll.ts). The poll emits what changed after it, and never what is older.
	 */
	resumeFrom?: number;
	fingerprint: string;
	settings: PollSettings;
	now(): number;
	/** Epoch ms after which no new page is fetched (n8n 2.x's poll budget); the poll ends with what it has. */
	deadline?: number;
	/** Told about records the poll skipped (a time it cannot use); the poll goes on. */
	warn?(message: string): void;
}

export interface PollOutcome {
	/** Oldest first. */
	records: IDataObject[];
	state: PollState;
}

interface Keyed extends RecordKey {
	json: IDataObject;
}

/** Names the first few records skipped for their time, in one warning per poll. */
function skippedWarning(label: string, skipped: Array<[string, string]>, count: number): string {
	const named = skipped.map(([id, why]) => `"${id.slice(0, 80)}" (${why})`).join(', ');
	const more = count > skipped.length ? ` and ${count - skipped.length} more` : '';
	return `${label}: skipped ${count} record(s) whose time cannot be used: ${named}${more}. They are not emitted and do not move the watermark; a record dated ahead is read once its time has come.`;
}

function readCapFailure(cap: number): PassthroughFailure {
	return new PassthroughFailure(
		`it read more than ${cap.toLocaleString('en-US')} records (Max Records Read per Poll) without reaching the last page`,
		{
			description:
				'This source gives records in no order the trigger can rely on, so each poll reads every page. Add a since filter (Since Parameter) so each poll reads only what changed, or raise Max Records Read per Poll.',
		},
	);
}

function describeWindow(since: number | undefined, event: PollEvent): string {
	if (since === undefined) return 'all records';
	return `records ${event === 'new' ? 'created' : 'changed'} since ${isoTime(since)}`;
}

/**
 * One poll: reads what changed since the watermark (minus the lookback), drops what the state has seen with the
 * same time, and returns the rest oldest first with the state to store. Nothing is stored here: a poll that
 * throws leaves the previous state in place.
 */
export async function runPoll(input: PollInput): Promise<PollOutcome> {
	const { source, settings, state } = input;
	const startedAt = input.now();
	const resumeFrom = state === undefined ? input.resumeFrom : undefined;
	const emitting =
		state !== undefined || resumeFrom !== undefined || settings.firstPoll !== 'emitNothing';
	let since: number | undefined;
	let floor = state?.floor ?? null;
	if (resumeFrom !== undefined) {
		since = resumeFrom;
		floor = resumeFrom;
	} else if (!state) {
		if (settings.firstPoll === 'emitNothing') since = startedAt - settings.lookbackMs;
		if (settings.firstPoll === 'emitSince') {
			since = settings.firstPollSince ?? startedAt;
			// Records before the chosen date are never emitted, even from a later poll's lookback.
			floor = since - 1;
		}
	} else if (state.watermark !== null) {
		// A watermark stored ahead of now (by an earlier version, from a record dated ahead) would skip every change.
		since = Math.min(state.watermark, startedAt) - settings.lookbackMs;
		if (floor !== null && floor > since) since = floor;
	}
	if (since !== undefined) since = Math.max(since, EARLIEST_SINCE_MS);
	const seen = new SeenWindow(state, floor);
	const max = settings.maxRecordsPerPoll;
	const readCap = settings.maxRecordsReadPerPoll ?? DEFAULT_MAX_RECORDS_READ_PER_POLL;
	let read = 0;
	const skipped: Array<[string, string]> = [];
	let skippedCount = 0;
	const collected: Keyed[] = [];
	// Unordered sources: the oldest unseen records, the latest version of each id (one may change while pages are read).
	const oldest = new OldestRecords<Keyed>(max);
	let lastProcessed: number | undefined;
	let newest: number | undefined;
	let complete = true;
	let full = false;
	let queryFrom = since;

	try {
		for (;;) {
			let inQuery = 0;
			let restart = false;
			let lastTime: number | undefined;
			await readPages(source.query(queryFrom), input.fetchPage, (records, page) => {
				if (!source.ordered) {
					read += records.length;
					if (read > readCap) throw readCapFailure(readCap);
				}
				for (const record of records) {
					const key = source.key(record, page);
					const unusable = unusableTime(key.time, startedAt);
					if (unusable !== undefined) {
						if (skippedCount++ < 3) skipped.push([key.id, unusable]);
						continue;
					}
					lastTime = key.time;
					if (since !== undefined && key.time < since) continue;
					if (newest === undefined || key.time > newest) newest = key.time;
					if (source.ordered) {
						if (full) break;
						lastProcessed = key.time;
						if (seen.has(key.id, key.time)) continue;
						seen.mark(key.id, key.time);
						if (emitting) collected.push({ ...key, json: record as IDataObject });
						if (emitting && collected.length >= max) full = true;
					} else if (!seen.has(key.id, key.time)) {
						if (emitting) oldest.offer(Object.assign(key, { json: record as IDataObject }));
						else seen.markLatest(key.id, key.time);
					}
				}
				inQuery += records.length;
				if (full) return 'stop';
				if (source.maxResultsPerQuery !== undefined && inQuery >= source.maxResultsPerQuery) {
					restart = true;
					return 'stop';
				}
				if (input.deadline !== undefined && input.now() >= input.deadline) {
					complete = false;
					return 'stop';
				}
				return 'next';
			});
			// A capped query goes on from its last record's time; if that is where it began, it cannot get further.
			if (!restart || !complete || full || lastTime === undefined || lastTime === queryFrom) break;
			queryFrom = lastTime;
		}
	} catch (error) {
		if (error instanceof PassthroughFailure) {
			throw new PassthroughFailure(
				`${source.label}: the poll for ${describeWindow(queryFrom, settings.event)} failed: ${error.message}`,
				error.details,
			);
		}
		throw error;
	}

	if (skippedCount > 0) input.warn?.(skippedWarning(source.label, skipped, skippedCount));
	let emitted: Keyed[];
	if (source.ordered) {
		emitted = collected;
	} else {
		emitted = oldest.oldest();
		for (const record of emitted) seen.mark(record.id, record.time);
		if (oldest.cut) lastProcessed = emitted.at(-1)?.time;
		// Unordered pages tell nothing about what is left when the poll stopped early: the watermark stays.
		else if (complete) lastProcessed = newest;
	}
	// HubSpot orders ties as it likes; the unordered ones are sorted already.
	if (source.ordered) emitted.sort(byTimeThenId);

	let watermark = state?.watermark ?? null;
	if (!emitting) watermark = Math.max(startedAt, newest ?? -Infinity);
	else if (lastProcessed !== undefined) watermark = Math.max(watermark ?? -Infinity, lastProcessed);
	else if (watermark === null && since !== undefined) watermark = since;
	// Never past the poll's start: a record dated a little ahead is read again next time, and the state knows it.
	if (watermark !== null) watermark = Math.min(watermark, startedAt);
	return {
		records: emitted.map((record) => record.json),
		state: nextState({
			fingerprint: input.fingerprint,
			watermark,
			floor,
			seen: seen.entries(),
			lookbackMs: settings.lookbackMs,
			maxSeen: settings.maxSeen,
		}),
	};
}

/** The editor's "Fetch Test Event": the newest few records, oldest first; the state is not read or written. */
export async function sampleNewest(
	source: PollSource,
	fetchPage: FetchPage,
	count: number,
): Promise<IDataObject[]> {
	const found: Keyed[] = [];
	await readPages(source.newest(count), fetchPage, (records, page) => {
		for (const record of records)
			found.push({ ...source.key(record, page), json: record as IDataObject });
		return 'stop';
	});
	return found
		.sort(byTimeThenId)
		.slice(-count)
		.map((record) => record.json);
}
