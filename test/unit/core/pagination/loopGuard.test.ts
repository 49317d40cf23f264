import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { describe, expect, it } from 'vitest';

import { PaginationError } from '../../../../nodes/Unified/core/errors/paginationError';
import { LoopGuard, pageFingerprint } from '../../../../nodes/Unified/core/pagination/loopGuard';

const MiB = 1024 * 1024;

/** A full garbage collection, so heapUsed counts only what is still referenced. */
function collectGarbage(): void {
	setFlagsFromString('--expose-gc');
	(runInNewContext('gc') as () => void)();
}

function heapAfterCollection(): number {
	collectGarbage();
	return process.memoryUsage().heapUsed;
}

/**
 * A fresh, flat string per page on the JS heap, as a parsed cursor is. Half a MiB: Node keeps strings decoded
 * from a Buffer of about 1 MB or more outside the heap, where heapUsed would not see them.
 */
function bigCursor(page: number, size = MiB / 2): string {
	const bytes = Buffer.alloc(size, 'c');
	bytes.write(`${page}:`);
	return bytes.toString('utf8');
}

describe('loop guard keys', () => {
	it('keeps a digest per cursor, not the cursor: 128 cursors of 0.5 MiB add far less than 64 MiB', () => {
		const guard = new LoopGuard();
		guard.checkKey(1, bigCursor(1));
		const start = heapAfterCollection();
		for (let page = 2; page <= 129; page++) guard.checkKey(page, bigCursor(page));
		const grown = heapAfterCollection() - start;
		// Keeping the cursors would hold 64 MiB; digests are a few KiB. The bound leaves room for noise.
		expect(grown).toBeLessThan(16 * MiB);
	});

	it('still recognizes a huge cursor handed out again, and quotes only its start', () => {
		const guard = new LoopGuard();
		guard.checkKey(1, bigCursor(1));
		guard.checkKey(2, bigCursor(2));
		let error: unknown;
		try {
			guard.checkKey(3, bigCursor(1));
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(PaginationError);
		const message = (error as Error).message;
		expect(message).toMatch(
			/^Pagination stopped: page 3 returned the same next cursor or URL as page 1 \("1:c{78}\.\.\."\)/,
		);
		expect(message.length).toBeLessThan(300);
	});

	it('tells apart cursors that differ only in a lone surrogate (the same bytes in UTF-8)', () => {
		const guard = new LoopGuard();
		guard.checkKey(1, JSON.parse('"c\\ud800"') as string);
		expect(() => guard.checkKey(2, JSON.parse('"c\\udfff"') as string)).not.toThrow();
		expect(() => guard.checkKey(3, JSON.parse('"c\\ud800"') as string)).toThrow(/as page 1/);
	});

	it('tells apart cursors that differ only in their last character', () => {
		const guard = new LoopGuard();
		const base = 'c'.repeat(MiB);
		guard.checkKey(1, `${base}a`);
		expect(() => guard.checkKey(2, `${base}b`)).not.toThrow();
		expect(() => guard.checkKey(3, `${base}a`)).toThrow(/as page 1/);
	});
});

describe('loop guards', () => {
	it('fails on a key handed out twice, naming both pages', () => {
		const guard = new LoopGuard();
		guard.checkKey(1, 'a');
		guard.checkKey(2, 'b');
		guard.checkKey(3, undefined);
		expect(() => guard.checkKey(3, 'a')).toThrow(
			/page 3 returned the same next cursor or URL as page 1/,
		);
	});

	it('fails on a page identical to the previous one, not on one seen earlier', () => {
		const guard = new LoopGuard();
		guard.checkPage(1, pageFingerprint({ items: [1] }));
		guard.checkPage(2, pageFingerprint({ items: [2] }));
		guard.checkPage(3, pageFingerprint({ items: [1] }));
		expect(() => guard.checkPage(4, pageFingerprint({ items: [1] }))).toThrow(
			/page 4 is identical to page 3/,
		);
	});
});
