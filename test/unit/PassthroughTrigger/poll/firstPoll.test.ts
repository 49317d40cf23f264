import { describe, expect, it } from 'vitest';

import {
	firstPollKey,
	firstPollRecord,
	readFirstPollTime,
} from '../../../../nodes/Unified/PassthroughTrigger/poll/firstPoll';

describe('the first poll record', () => {
	it('reads back the time it was written with, for the same settings only', () => {
		const record = JSON.parse(JSON.stringify(firstPollRecord('abc', 1_700_000_000_000))) as unknown;
		expect(readFirstPollTime(record, 'abc')).toBe(1_700_000_000_000);
		expect(readFirstPollTime(record, 'abd')).toBeUndefined();
	});

	it('is absent for anything else stored under its key', () => {
		const good = { version: 1, fingerprint: 'abc', at: 5 };
		for (const raw of [
			undefined,
			null,
			'5',
			5,
			[good],
			{ ...good, version: 2 },
			{ ...good, version: '1' },
			{ ...good, at: '5' },
			{ ...good, at: Number.NaN },
			{ ...good, at: Number.POSITIVE_INFINITY },
			{ ...good, at: null },
			{ ...good, fingerprint: undefined },
			Object.create(good) as object,
		])
			expect(readFirstPollTime(raw, 'abc')).toBeUndefined();
	});

	it('has one key per trigger node', () => {
		expect(firstPollKey('Trigger')).not.toBe(firstPollKey('Trigger 2'));
	});
});
