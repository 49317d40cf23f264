import { describe, expect, it } from 'vitest';

import { ChangeFeed } from './upstreams/changeFeed';
import { FeedChanges } from './webhooks/changes';
import { isLoopback } from './webhooks/post';
import { retryDelayMs, timerMs } from './webhooks/retrySchedule';

// The pure parts of the simulator's webhooks: the retry schedule, where it may send, change detection.
describe('retryDelayMs', () => {
	it('waits Fibonacci(n) units before the n-th retry, as Unified waits minutes: 1, 2, 3, 5, 8, 13, 21', () => {
		expect(Array.from({ length: 7 }, (_, index) => retryDelayMs(index + 1, 1))).toEqual([
			1, 2, 3, 5, 8, 13, 21,
		]);
		expect(retryDelayMs(20, 100)).toBe(1_094_600);
	});
});

describe('timerMs', () => {
	it('keeps a delay within what a Node timer holds (beyond 2^31 - 1 ms Node fires after 1 ms)', () => {
		expect(timerMs(10_080 * 2_147_483_647)).toBe(2_147_483_647);
		expect(timerMs(retryDelayMs(20, 2_147_483_647))).toBe(2_147_483_647);
		expect(timerMs(250)).toBe(250);
		expect(timerMs(0)).toBe(1);
	});
});

describe('isLoopback', () => {
	it.each([
		'http://127.0.0.1:5678/webhook/x',
		'http://127.1.2.3/x',
		'http://localhost:5678/x',
		'http://LOCALHOST/x',
		'http://[::1]:5678/x',
		'http://2130706433/x', // the WHATWG parser reads it as 127.0.0.1
		'http://0x7f000001/x',
	])('sends to %s', (url) => expect(isLoopback(new URL(url))).toBe(true));

	it.each([
		'http://127.0.0.1.example.com/x',
		'http://localhost.example.com/x',
		'http://example.com/x',
		'http://10.0.0.1/x',
		'http://0.0.0.0/x',
		'http://[::]/x',
		'http://[::ffff:10.0.0.1]/x',
		'http://user@example.com@127.0.0.1.nip.io/x',
	])('never sends to %s', (url) => expect(isLoopback(new URL(url))).toBe(false));
});

describe('FeedChanges', () => {
	function setup() {
		const feed = new ChangeFeed();
		feed.add('c', { n: 1 }, { id: 'a', at: 1 });
		feed.add('c', { n: 1 }, { id: 'b', at: 1 });
		const changes = new FeedChanges(feed, () => ['c', 'missing']);
		return { feed, changes };
	}
	const ids = (seen: Array<{ record: { id: string } }>) => seen.map((item) => item.record.id);

	it('knows the existing records, and reports nothing before anything changes', () => {
		const { changes } = setup();
		expect(ids(changes.existing())).toEqual(['a', 'b']);
		expect(ids(changes.take('created'))).toEqual([]);
	});

	it('reports a new record as created, a new version as updated (in the same millisecond too), a gone one as deleted', () => {
		for (const event of ['created', 'updated', 'deleted'] as const) {
			const { feed, changes } = setup();
			feed.add('c', {}, { id: 'new', at: 1 });
			feed.update('c', 'a', { n: 2 }, { at: 1 });
			feed.remove('c', 'b');
			expect(ids(changes.take(event))).toEqual(
				{ created: ['new'], updated: ['a'], deleted: ['b'] }[event],
			);
			// The check moved on: the same changes are not reported twice.
			expect(ids(changes.take(event))).toEqual([]);
		}
	});

	it('counts a record created and changed between two checks as updated too', () => {
		const { feed } = setup();
		const changes = new FeedChanges(feed, () => ['c']);
		feed.add('c', {}, { id: 'x', at: 5 });
		feed.update('c', 'x', { n: 3 }, { at: 6 });
		expect(ids(changes.take('updated'))).toEqual(['x']);
	});

	it('does not create a collection nobody has written to', () => {
		const { feed, changes } = setup();
		changes.take('created');
		expect(feed.has('missing')).toBe(false);
	});
});
