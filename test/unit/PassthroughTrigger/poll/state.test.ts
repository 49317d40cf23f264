import { deepCopy } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import {
	idDigest,
	MAX_SEEN_BYTES,
	MAX_SEEN_IDS,
	nextState,
	readState,
	SeenWindow,
	stateFingerprint,
	type PollState,
} from '../../../../nodes/Unified/PassthroughTrigger/poll/state';

const pairs = (entries: Array<[string, number]>): Array<[string, number]> =>
	entries.map(([id, time]) => [idDigest(id), time]);
const sortedPairs = (entries: Array<[string, number]>) =>
	[...entries].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));

describe('poll state', () => {
	it('fingerprints the settings: any change gives another fingerprint, the same settings the same one', () => {
		const a = stateFingerprint(['conn_1', 'newOrUpdated', ['hubspot', 'contacts', ['email']]]);
		expect(stateFingerprint(['conn_1', 'newOrUpdated', ['hubspot', 'contacts', ['email']]])).toBe(
			a,
		);
		expect(
			stateFingerprint(['conn_2', 'newOrUpdated', ['hubspot', 'contacts', ['email']]]),
		).not.toBe(a);
		expect(stateFingerprint(['conn_1', 'new', ['hubspot', 'contacts', ['email']]])).not.toBe(a);
		expect(stateFingerprint(['conn_1', 'newOrUpdated', ['hubspot', 'deals', ['email']]])).not.toBe(
			a,
		);
	});

	it('digests ids to 16 base64url characters, whatever their length or spelling', () => {
		for (const id of ['a', '__proto__', 'constructor', 'x'.repeat(400), 'é', '', '0'])
			expect(idDigest(id)).toMatch(/^[A-Za-z0-9_-]{16}$/);
		expect(idDigest('a')).toBe(idDigest('a'));
		expect(idDigest('a')).not.toBe(idDigest('A'));
		// NFC and NFD spellings are different ids upstream: different digests.
		expect(idDigest('\u00e9')).not.toBe(idDigest('e\u0301'));
	});

	it('reads a stored state only when it belongs to the same settings and is well-formed', () => {
		const stored = {
			version: 2,
			fingerprint: 'f1',
			watermark: 1000,
			floor: null,
			seen: [
				[idDigest('a'), 900],
				[idDigest('b'), 'x'],
				['short', 900],
				[idDigest('c'), 800, 'extra'],
				'junk',
			],
		};
		expect(readState(stored, 'f1')).toEqual({ ...stored, seen: [[idDigest('a'), 900]] });
		expect(readState(stored, 'f2')).toBeUndefined();
		expect(readState({ ...stored, watermark: 'soon' }, 'f1')).toBeUndefined();
		expect(readState({ ...stored, version: 3 }, 'f1')).toBeUndefined();
		expect(readState(undefined, 'f1')).toBeUndefined();
		expect(readState({ ...stored, watermark: null }, 'f1')?.watermark).toBeNull();
		expect(readState({ ...stored, seen: { a: 1 } }, 'f1')?.seen).toEqual([]);
	});

	it('reads the version 1 format ({ id: time }, saved by earlier versions) and migrates it to digests', () => {
		const v1 = JSON.parse(
			'{"version":1,"fingerprint":"f1","watermark":1000,"floor":5,"seen":{"a":900,"__proto__":950,"b":"x"}}',
		) as unknown;
		const state = readState(v1, 'f1')!;
		expect(state).toEqual({
			version: 2,
			fingerprint: 'f1',
			watermark: 1000,
			floor: 5,
			seen: pairs([
				['a', 900],
				['__proto__', 950],
			]),
		});
		const window = new SeenWindow(state);
		expect(window.has('a', 900)).toBe(true);
		expect(window.has('__proto__', 950)).toBe(true);
		expect(readState({ ...(v1 as object), seen: [['a', 1]] }, 'f1')?.seen).toEqual([]);
	});

	it('keeps every id, __proto__ and constructor included, through n8n-workflow deepCopy and JSON', () => {
		const window = new SeenWindow(undefined);
		const ids = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'a'];
		for (const id of ids) window.mark(id, 100);
		const state = nextState({
			fingerprint: 'f',
			watermark: 100,
			floor: null,
			seen: window.entries(),
			lookbackMs: 0,
		});
		const copied = JSON.parse(JSON.stringify(deepCopy(state as unknown as object))) as unknown;
		const read = new SeenWindow(readState(copied, 'f'));
		for (const id of ids) expect(read.has(id, 100), id).toBe(true);
		expect(read.has('__proto__', 101)).toBe(false);
	});

	it('sees an id again only with the same time value; the floor counts older records as seen', () => {
		const window = new SeenWindow({ seen: pairs([['a', 100]]), floor: 50 });
		expect(window.has('a', 100)).toBe(true);
		expect(window.has('a', 101)).toBe(false);
		expect(window.has('b', 50)).toBe(true);
		expect(window.has('b', 51)).toBe(false);
		window.mark('b', 51);
		expect(window.has('b', 51)).toBe(true);
		window.markLatest('b', 40);
		expect(window.has('b', 51)).toBe(true);
		window.markLatest('b', 60);
		expect(window.has('b', 60)).toBe(true);
	});

	it('keeps only the ids within the lookback window before the watermark', () => {
		const state = nextState({
			fingerprint: 'f',
			watermark: 10_000,
			floor: null,
			seen: pairs([
				['old', 8_999],
				['edge', 9_000],
				['new', 10_000],
			]),
			lookbackMs: 1_000,
		});
		expect(sortedPairs(state.seen)).toEqual(
			sortedPairs(
				pairs([
					['edge', 9_000],
					['new', 10_000],
				]),
			),
		);
		expect(state.floor).toBeNull();
	});

	it('stays within its bound by dropping the oldest times whole and raising the floor to them', () => {
		const state = nextState({
			fingerprint: 'f',
			watermark: 4,
			floor: null,
			seen: pairs([
				['a', 1],
				['b', 2],
				['c', 3],
				['d', 3],
				['e', 4],
			]),
			lookbackMs: 100,
			maxSeen: 2,
		});
		// 'e' and the tie at 3 would split: the whole time 3 stays, and everything at or before 2 counts as seen.
		expect(sortedPairs(state.seen)).toEqual(
			sortedPairs(
				pairs([
					['c', 3],
					['d', 3],
					['e', 4],
				]),
			),
		);
		expect(state.floor).toBe(2);
		const window = new SeenWindow(state);
		expect(window.has('a', 1)).toBe(true);
		expect(window.has('z', 2)).toBe(true);
		expect(window.has('z', 3)).toBe(false);
	});

	it('never splits the ids of the newest time over the count bound', () => {
		const seen = pairs(Array.from({ length: 5 }, (_, index) => [`r${index}`, 7]));
		const state = nextState({
			fingerprint: 'f',
			watermark: 7,
			floor: null,
			seen,
			lookbackMs: 0,
			maxSeen: 2,
		});
		expect(state.seen).toHaveLength(5);
		expect(state.floor).toBeNull();
	});

	it('caps the exception for ties by bytes: past it, the floor covers the newest time', () => {
		const seen = pairs(Array.from({ length: 10 }, (_, index) => [`r${index}`, 7]));
		const state = nextState({
			fingerprint: 'f',
			watermark: 7,
			floor: null,
			seen: [...seen, ...pairs([['older', 6]])],
			lookbackMs: 10,
			maxSeen: 2,
			maxBytes: 5 * 23,
		});
		expect(state.seen).toEqual([]);
		expect(state.floor).toBe(7);
		expect(new SeenWindow(state).has('r9', 7)).toBe(true);
		expect(new SeenWindow(state).has('r10', 8)).toBe(false);
	});

	it('25,000 ids of 400 characters sharing one time: the stored state stays under its byte bound', () => {
		const window = new SeenWindow(undefined);
		const time = Date.UTC(2026, 10, 29, 8);
		for (let index = 0; index < 25_000; index++)
			window.mark(`${String(index).padStart(6, '0')}${'x'.repeat(394)}`, time);
		const state: PollState = nextState({
			fingerprint: 'f',
			watermark: time,
			floor: null,
			seen: window.entries(),
			lookbackMs: 60_000,
		});
		const bytes = Buffer.byteLength(JSON.stringify(state));
		console.log(`25,000 tied ids of 400 characters: ${bytes} bytes of state`);
		expect(bytes).toBeLessThanOrEqual(MAX_SEEN_BYTES + 200);
		expect(state.seen).toHaveLength(25_000);
		// The count bound still applies to older times: 30,000 ids over 30,000 times keep MAX_SEEN_IDS.
		const spread = nextState({
			fingerprint: 'f',
			watermark: 30_000,
			floor: null,
			seen: pairs(Array.from({ length: 30_000 }, (_, index) => [`s${index}`, index + 1])),
			lookbackMs: 60_000,
		});
		expect(spread.seen).toHaveLength(MAX_SEEN_IDS);
		expect(spread.floor).toBe(30_000 - MAX_SEEN_IDS);
	});
});
