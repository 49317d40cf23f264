import { describe, expect, it } from 'vitest';

import {
	nextState,
	readState,
	SeenWindow,
	stateFingerprint,
} from '../../nodes/UnifiedPassthroughTrigger/poll/state';

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

	it('reads a stored state only when it belongs to the same settings and is well-formed', () => {
		const stored = {
			version: 1,
			fingerprint: 'f1',
			watermark: 1000,
			floor: null,
			seen: { a: 900, b: 'x' },
		};
		expect(readState(stored, 'f1')).toEqual({ ...stored, seen: { a: 900 } });
		expect(readState(stored, 'f2')).toBeUndefined();
		expect(readState({ ...stored, watermark: 'soon' }, 'f1')).toBeUndefined();
		expect(readState(undefined, 'f1')).toBeUndefined();
		expect(readState({ ...stored, watermark: null }, 'f1')?.watermark).toBeNull();
	});

	it('sees an id again only with the same time value; the floor counts older records as seen', () => {
		const window = new SeenWindow({ seen: { a: 100 }, floor: 50 });
		expect(window.has('a', 100)).toBe(true);
		expect(window.has('a', 101)).toBe(false);
		expect(window.has('b', 50)).toBe(true);
		expect(window.has('b', 51)).toBe(false);
		window.mark('b', 51);
		expect(window.has('b', 51)).toBe(true);
	});

	it('keeps only the ids within the lookback window before the watermark', () => {
		const state = nextState({
			fingerprint: 'f',
			watermark: 10_000,
			floor: null,
			seen: [
				['old', 8_999],
				['edge', 9_000],
				['new', 10_000],
			],
			lookbackMs: 1_000,
		});
		expect(state.seen).toEqual({ edge: 9_000, new: 10_000 });
		expect(state.floor).toBeNull();
	});

	it('stays within its bound by dropping the oldest times whole and raising the floor to them', () => {
		const seen: Array<[string, number]> = [
			['a', 1],
			['b', 2],
			['c', 3],
			['d', 3],
			['e', 4],
		];
		const state = nextState({
			fingerprint: 'f',
			watermark: 4,
			floor: null,
			seen,
			lookbackMs: 100,
			maxSeen: 2,
		});
		// 'e' and the tie at 3 would split: the whole time 3 stays, and everything at or before 2 counts as seen.
		expect(state.seen).toEqual({ c: 3, d: 3, e: 4 });
		expect(state.floor).toBe(2);
		const window = new SeenWindow(state);
		expect(window.has('a', 1)).toBe(true);
		expect(window.has('z', 2)).toBe(true);
		expect(window.has('z', 3)).toBe(false);
	});

	it('never splits the ids of the newest time, even over the bound', () => {
		const seen: Array<[string, number]> = Array.from({ length: 5 }, (_, index) => [`r${index}`, 7]);
		const state = nextState({
			fingerprint: 'f',
			watermark: 7,
			floor: null,
			seen,
			lookbackMs: 0,
			maxSeen: 2,
		});
		expect(Object.keys(state.seen)).toHaveLength(5);
		expect(state.floor).toBeNull();
	});
});
