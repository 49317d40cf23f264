import { describe, expect, it } from 'vitest';

import { DEFAULT_MAX_RECORDS_READ_PER_POLL } from '../../../../nodes/Unified/core/shared/defaults';
import {
	runPoll,
	type PollSettings,
} from '../../../../nodes/Unified/PassthroughTrigger/poll/runPoll';
import type { PollState } from '../../../../nodes/Unified/PassthroughTrigger/poll/state';
import type { PollSource } from '../../../../nodes/Unified/PassthroughTrigger/sources/pollSource';
import { PassthroughFailure } from '../../../../nodes/Unified/core/errors/passthroughFailure';

interface Row {
	id: string;
	t: number;
}

/** An upstream of rows: `time >= since`, in time-then-id order when `ordered`, else reversed. One page. */
function fakeSource(
	rows: () => Row[],
	ordered: boolean,
): PollSource & { sinces: Array<number | undefined> } {
	const sinces: Array<number | undefined> = [];
	return {
		label: 'Fake rows',
		ordered,
		fingerprintParts: [],
		sinces,
		query(since) {
			sinces.push(since);
			return { spec: { method: 'GET', path: String(since ?? 'all'), query: [], headers: {} } };
		},
		newest: () => ({ spec: { method: 'GET', path: 'newest', query: [], headers: {} } }),
		key: (record) => ({ id: (record as Row).id, time: (record as Row).t }),
	};
}

function fetchFrom(rows: () => Row[], ordered: boolean) {
	return async (spec: { path: string }) => {
		const since = spec.path === 'all' ? -Infinity : Number(spec.path);
		const found = rows()
			.filter((row) => row.t >= since)
			.sort((a, b) => a.t - b.t || a.id.localeCompare(b.id));
		return {
			statusCode: 200,
			headers: {},
			kind: 'json' as const,
			body: ordered ? found : found.reverse(),
		};
	};
}

const settings = (extra: Partial<PollSettings> = {}): PollSettings => ({
	event: 'newOrUpdated',
	firstPoll: 'emitAll',
	maxRecordsPerPoll: 10_000,
	lookbackMs: 0,
	...extra,
});

async function pollAll(rows: Row[], ordered: boolean, extra: Partial<PollSettings>, polls: number) {
	let state: PollState | undefined;
	const emitted: string[][] = [];
	const source = fakeSource(() => rows, ordered);
	for (let index = 0; index < polls; index++) {
		const outcome = await runPoll({
			source,
			fetchPage: fetchFrom(() => rows, ordered),
			state,
			fingerprint: 'f',
			settings: settings(extra),
			now: () => 1_000_000,
		});
		state = outcome.state;
		emitted.push(outcome.records.map((record) => String(record.id)));
	}
	return emitted;
}

describe('runPoll', () => {
	const tied: Row[] = [
		{ id: 'a', t: 10 },
		{ id: 'b', t: 20 },
		{ id: 'c', t: 20 },
		{ id: 'd', t: 20 },
		{ id: 'e', t: 30 },
	];

	for (const ordered of [true, false]) {
		it(`a Max Records cut inside records of equal time loses none and repeats none (${ordered ? 'ordered' : 'unordered'} source, no lookback)`, async () => {
			const emitted = await pollAll(tied, ordered, { maxRecordsPerPoll: 2 }, 4);
			expect(emitted).toEqual([['a', 'b'], ['c', 'd'], ['e'], []]);
		});
	}

	it('emits records oldest first, whatever order the source returns them in', async () => {
		const emitted = await pollAll(tied, false, {}, 1);
		expect(emitted[0]).toEqual(['a', 'b', 'c', 'd', 'e']);
	});

	it('emits a record again when its time changes, not when it is read again in the lookback', async () => {
		const rows: Row[] = [{ id: 'a', t: 100 }];
		let state: PollState | undefined;
		const source = fakeSource(() => rows, true);
		const poll = async () => {
			const outcome = await runPoll({
				source,
				fetchPage: fetchFrom(() => rows, true),
				state,
				fingerprint: 'f',
				settings: settings({ lookbackMs: 50 }),
				now: () => 1_000,
			});
			state = outcome.state;
			return outcome.records.map((record) => record.id);
		};
		expect(await poll()).toEqual(['a']);
		expect(await poll()).toEqual([]);
		expect(source.sinces.at(-1)).toBe(50);
		rows.push({ id: 'late', t: 80 });
		expect(await poll()).toEqual(['late']);
		rows[0] = { id: 'a', t: 120 };
		expect(await poll()).toEqual(['a']);
	});

	it('first poll "emitNothing" remembers what is there, and later changes in the lookback window are emitted', async () => {
		const rows: Row[] = [{ id: 'a', t: 990 }];
		let state: PollState | undefined;
		const source = fakeSource(() => rows, true);
		const poll = async () => {
			const outcome = await runPoll({
				source,
				fetchPage: fetchFrom(() => rows, true),
				state,
				fingerprint: 'f',
				settings: settings({ firstPoll: 'emitNothing', lookbackMs: 60 }),
				now: () => 1_000,
			});
			state = outcome.state;
			return outcome.records.map((record) => record.id);
		};
		expect(await poll()).toEqual([]);
		expect(state?.watermark).toBe(1_000);
		rows.push({ id: 'b', t: 995 });
		expect(await poll()).toEqual(['b']);
	});

	it('"emitSince" emits from the date on and never what is older, even within a later lookback', async () => {
		const rows: Row[] = [
			{ id: 'old', t: 400 },
			{ id: 'new', t: 600 },
		];
		const emitted = await pollAll(
			rows,
			true,
			{ firstPoll: 'emitSince', firstPollSince: 500, lookbackMs: 1000 },
			2,
		);
		expect(emitted).toEqual([['new'], []]);
	});

	it('names the source and the window when a page fails, and returns no state', async () => {
		const source = fakeSource(() => [], true);
		await expect(
			runPoll({
				source,
				fetchPage: async () => {
					throw new PassthroughFailure('HTTP 500: boom (page 7)');
				},
				state: {
					version: 2,
					fingerprint: 'f',
					watermark: Date.UTC(2026, 10, 29, 8),
					floor: null,
					seen: [],
				},
				fingerprint: 'f',
				settings: settings(),
				now: () => Date.UTC(2026, 10, 29, 9),
			}),
		).rejects.toThrow(
			'Fake rows: the poll for records changed since 2026-11-29T08:00:00.000Z failed: HTTP 500: boom (page 7)',
		);
	});

	it('stops at the deadline and keeps a watermark that leaves the rest to the next poll', async () => {
		const rows: Row[] = Array.from({ length: 6 }, (_, index) => ({ id: `r${index}`, t: index }));
		let clock = 0;
		let state: PollState | undefined;
		const source: PollSource = {
			...fakeSource(() => rows, true),
			query: (since) => ({
				spec: { method: 'GET', path: String(since ?? -1), query: [], headers: {} },
				pagination: {
					mode: 'offset',
					maxPages: 0,
					output: 'records',
					recordsPath: '',
					cursorPath: '',
					cursorParameter: '',
					parameterIn: 'query',
					nextUrlPath: '',
					offsetType: 'offset',
					offsetParameter: 'offset',
					limitParameter: 'limit',
					pageSize: 2,
					firstOffset: 0,
					firstPage: 1,
				},
			}),
		};
		const fetchPage = async (spec: { path: string; query: Array<[string, string]> }) => {
			clock += 10;
			const offset = Number(spec.query.find(([name]) => name === 'offset')?.[1] ?? 0);
			const body = rows.filter((row) => row.t >= Number(spec.path)).slice(offset, offset + 2);
			return { statusCode: 200, headers: {}, kind: 'json' as const, body };
		};
		const emitted: unknown[][] = [];
		for (let poll = 0; poll < 3; poll++) {
			const outcome = await runPoll({
				source,
				fetchPage,
				state,
				fingerprint: 'f',
				settings: settings(),
				now: () => clock,
				deadline: clock + 15,
			});
			state = outcome.state;
			emitted.push(outcome.records.map((record) => record.id));
		}
		expect(emitted.flat()).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5']);
		expect(emitted[0]).toEqual(['r0', 'r1', 'r2', 'r3']);
	});

	describe('record times it cannot use', () => {
		const NOW = Date.UTC(2026, 10, 29, 8);
		for (const ordered of [true, false]) {
			it(`skips records dated far ahead or outside the Date range, warns naming them, and keeps reading later ones (${ordered ? 'ordered' : 'unordered'})`, async () => {
				const rows: Row[] = [
					{ id: 'now', t: NOW - 1_000 },
					{ id: 'y9999', t: Date.UTC(9999, 11, 31) },
					{ id: 'huge', t: 1e17 },
					{ id: 'ahead', t: NOW + 60_000 },
				];
				const source = fakeSource(() => rows, ordered);
				const warnings: string[] = [];
				let state: PollState | undefined;
				let clock = NOW;
				const poll = async () => {
					const outcome = await runPoll({
						source,
						fetchPage: fetchFrom(() => rows, ordered),
						state,
						fingerprint: 'f',
						settings: settings({ lookbackMs: 1_000 }),
						now: () => clock,
						warn: (message) => warnings.push(message),
					});
					state = outcome.state;
					return outcome.records.map((record) => record.id);
				};
				// A record a minute ahead (a server's clock) is read; the watermark stays at the poll's start.
				expect(await poll()).toEqual(['now', 'ahead']);
				expect(state?.watermark).toBe(NOW);
				expect(warnings).toHaveLength(1);
				expect(warnings[0]).toMatch(/^Fake rows: skipped 2 record\(s\)/);
				expect(warnings[0]).toContain(
					'"y9999" (9999-12-31T00:00:00.000Z, more than 5 minutes after',
				);
				expect(warnings[0]).toContain('"huge" (100000000000000000 ms, not a date)');
				expect(JSON.stringify(state)).not.toMatch(/2534022144|1e\+?17|100000000000000000/);
				clock += 30_000;
				rows.push({ id: 'later', t: clock - 10 });
				expect(await poll()).toEqual(['later']);
				clock += 60_000;
				expect(await poll()).toEqual([]);
				expect(state?.watermark).toBeLessThanOrEqual(clock);
			});
		}

		it('a watermark stored ahead of now by an earlier version (9999, 1e17) is read as now: changes arrive again', async () => {
			for (const watermark of [Date.UTC(9999, 11, 31), 1e17]) {
				const rows: Row[] = [{ id: 'fresh', t: NOW - 10 }];
				const outcome = await runPoll({
					source: fakeSource(() => rows, false),
					fetchPage: fetchFrom(() => rows, false),
					state: { version: 2, fingerprint: 'f', watermark, floor: null, seen: [] },
					fingerprint: 'f',
					settings: settings({ lookbackMs: 60_000 }),
					now: () => NOW,
				});
				expect(outcome.records.map((record) => record.id)).toEqual(['fresh']);
				expect(outcome.state.watermark).toBe(NOW);
			}
		});
	});

	describe('a source without order that never ends', () => {
		function endless(ordered: boolean) {
			let pages = 0;
			const source: PollSource = {
				...fakeSource(() => [], ordered),
				query: () => ({
					spec: { method: 'GET', path: 'endless', query: [], headers: {} },
					pagination: {
						mode: 'cursor',
						maxPages: 0,
						output: 'records',
						recordsPath: 'data',
						cursorPath: 'next',
						cursorParameter: 'cursor',
						parameterIn: 'query',
						nextUrlPath: '',
						offsetType: 'offset',
						offsetParameter: 'offset',
						limitParameter: 'limit',
						pageSize: 500,
						firstOffset: 0,
						firstPage: 1,
					},
				}),
			};
			const fetchPage = async () => {
				pages++;
				const data = Array.from({ length: 500 }, (_, index) => ({
					id: `p${pages}-${index}-${'x'.repeat(100)}`,
					t: 1_000 + ((pages * 7_919 + index * 104_729) % 100_000),
				}));
				return {
					statusCode: 200,
					headers: {},
					kind: 'json' as const,
					body: { data, next: `c${pages}` },
				};
			};
			return { source, fetchPage, pages: () => pages };
		}

		it(`fails once it has read the default ${DEFAULT_MAX_RECORDS_READ_PER_POLL.toLocaleString('en-US')} records, naming the cap and the since filter, with memory bounded`, async () => {
			const { source, fetchPage, pages } = endless(false);
			global.gc?.();
			const before = process.memoryUsage().heapUsed;
			let peak = before;
			const error = await runPoll({
				source,
				fetchPage: async () => {
					peak = Math.max(peak, process.memoryUsage().heapUsed);
					return await fetchPage();
				},
				state: undefined,
				fingerprint: 'f',
				settings: settings({ maxRecordsPerPoll: 1_000 }),
				now: () => 200_000,
			}).catch((caught: unknown) => caught as PassthroughFailure);
			console.log(
				`endless unordered source: ${pages()} pages read, heap +${((peak - before) / 1e6).toFixed(1)} MB at most`,
			);
			expect(error).toBeInstanceOf(PassthroughFailure);
			expect((error as PassthroughFailure).message).toBe(
				'Fake rows: the poll for all records failed: it read more than 100,000 records (Max Records Read per Poll) without reaching the last page',
			);
			expect((error as PassthroughFailure).details.description).toMatch(
				/since filter \(Since Parameter\)/,
			);
			expect(pages()).toBe(201);
		});

		it('the cap is an option, and ordered sources are not held to it (Max Records per Poll ends their polls)', async () => {
			const unordered = endless(false);
			await expect(
				runPoll({
					source: unordered.source,
					fetchPage: unordered.fetchPage,
					state: undefined,
					fingerprint: 'f',
					settings: settings({ maxRecordsReadPerPoll: 1_200 }),
					now: () => 200_000,
				}),
			).rejects.toThrow(/read more than 1,200 records/);
			expect(unordered.pages()).toBe(3);
			const ordered = endless(true);
			const outcome = await runPoll({
				source: ordered.source,
				fetchPage: ordered.fetchPage,
				state: undefined,
				fingerprint: 'f',
				settings: settings({ maxRecordsReadPerPoll: 1_200, maxRecordsPerPoll: 1_500 }),
				now: () => 200_000,
			});
			expect(outcome.records).toHaveLength(1_500);
		});
	});
});

describe('runPoll resuming after a lost first poll (First Poll "Emit Nothing")', () => {
	const rows: Row[] = [
		{ id: 'before', t: 90 },
		{ id: 'at', t: 100 },
		{ id: 'after', t: 101 },
		{ id: 'later', t: 150 },
	];
	for (const ordered of [true, false]) {
		it(`emits what changed after the first poll's time, never what is older, even from a later lookback (${ordered ? 'ordered' : 'unordered'})`, async () => {
			const source = fakeSource(() => rows, ordered);
			const poll = (state: PollState | undefined, resumeFrom?: number) =>
				runPoll({
					source,
					fetchPage: fetchFrom(() => rows, ordered),
					state,
					resumeFrom,
					fingerprint: 'f',
					settings: settings({ firstPoll: 'emitNothing', lookbackMs: 1_000 }),
					now: () => 200,
				});
			const resumed = await poll(undefined, 100);
			expect(resumed.records.map((record) => record.id)).toEqual(['after', 'later']);
			expect(source.sinces).toEqual([100]);
			expect(resumed.state.floor).toBe(100);
			const next = await poll(resumed.state);
			expect(next.records).toEqual([]);
			// A stored state wins: resumeFrom is for a poll without one.
			const withState = await poll(resumed.state, 0);
			expect(withState.records).toEqual([]);
		});
	}
});
