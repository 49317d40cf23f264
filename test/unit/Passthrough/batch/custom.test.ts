import { describe, expect, it } from 'vitest';

import { customMode, customOutcome } from '../../../../nodes/Unified/Passthrough/batch/custom';

describe('customMode', () => {
	it('places records at Array Path and reads results at Results Path, in order', () => {
		const mode = customMode('data.records', 'data.results');
		const operation = mode.operation('POST', 'x');
		expect(mode.body([{ a: 1 }, { a: 2 }], {}, operation)).toEqual({
			data: { records: [{ a: 1 }, { a: 2 }] },
		});
		const outcomes = mode.correlate(
			{ statusCode: 200, body: { data: { results: [{ ok: true }, { ok: false, error: 'bad' }] } } },
			[{}, {}],
			{},
			operation,
		);
		expect(outcomes[0]).toEqual({ result: { ok: true } });
		expect((outcomes[1] as { error: Error }).error.message).toBe('bad');
		expect(() =>
			mode.correlate({ statusCode: 200, body: { data: {} } }, [{}], {}, operation),
		).toThrow(/Expected 1 results at "data.results"/);
	});

	it('empty paths: the body is the array, and so is the answer', () => {
		const mode = customMode('', '');
		const operation = mode.operation('PUT', 'x');
		expect(mode.record({ a: 1 }, operation, 0, 'tok')).toEqual({ record: { a: 1 }, shared: {} });
		expect(mode.body([{ a: 1 }], {}, operation)).toEqual([{ a: 1 }]);
	});

	it('the failed-record rule: success false, ok false, or an error field that holds something', () => {
		const failed = (value: unknown) => 'error' in customOutcome(value, 200);
		expect(failed({ success: false })).toBe(true);
		expect(failed({ ok: false })).toBe(true);
		expect(failed({ error: { message: 'x' } })).toBe(true);
		expect(failed({ error: null, id: 1 })).toBe(false);
		expect(failed({ success: true, errors: [] })).toBe(false);
		expect(failed('text')).toBe(false);
	});
});
