import { describe, expect, it } from 'vitest';

import { customMode, customOutcome } from '../../nodes/UnifiedPassthrough/batch/custom';
import { salesforceMode } from '../../nodes/UnifiedPassthrough/batch/salesforce';
import { PassthroughFailure } from '../../nodes/UnifiedPassthrough/shared/failure';

describe('salesforceMode', () => {
	it('knows sObject Collections: create, update, upsert, retrieve', () => {
		const base = 'services/data/v62.0/composite/sobjects';
		expect(salesforceMode.operation('POST', base)).toEqual({ name: 'create', repeatable: false });
		expect(salesforceMode.operation('PATCH', `${base}/`)).toEqual({
			name: 'update',
			repeatable: true,
		});
		expect(salesforceMode.operation('PATCH', `${base}/Account/Ext__c`)).toEqual({
			name: 'upsert',
			repeatable: true,
		});
		expect(salesforceMode.operation('POST', `${base}/Account`)).toEqual({
			name: 'retrieve',
			repeatable: true,
		});
		expect(() => salesforceMode.operation('DELETE', base)).toThrow(/sObject Collections/);
		expect(() => salesforceMode.operation('POST', 'services/data/v62.0/sobjects/Account')).toThrow(
			/sObject Collections/,
		);
	});

	it("builds {allOrNone: false, records} (the user's allOrNone ignored), and {ids, fields} for retrieve", () => {
		const create = salesforceMode.operation('POST', 'composite/sobjects');
		const { record, shared } = salesforceMode.record(
			{ records: [{ Name: 'A' }], allOrNone: true },
			create,
			0,
		);
		expect(salesforceMode.body([record], shared, create)).toEqual({
			allOrNone: false,
			records: [{ Name: 'A' }],
		});
		const retrieve = salesforceMode.operation('POST', 'composite/sobjects/Account');
		const item = salesforceMode.record({ id: '001', fields: ['Name'] }, retrieve, 0);
		expect(salesforceMode.body([item.record, '002'], item.shared, retrieve)).toEqual({
			fields: ['Name'],
			ids: ['001', '002'],
		});
	});

	it("maps results in order; success false is that record's error with statusCode and fields", () => {
		const create = salesforceMode.operation('POST', 'composite/sobjects');
		const errors = [
			{
				statusCode: 'REQUIRED_FIELD_MISSING',
				message: 'Required fields are missing: [Name]',
				fields: ['Name'],
			},
		];
		const outcomes = salesforceMode.correlate(
			{
				statusCode: 200,
				body: [
					{ id: '1', success: true, errors: [] },
					{ success: false, errors },
				],
			},
			[{}, {}],
			{},
			create,
		);
		expect(outcomes[0]).toEqual({ result: { id: '1', success: true, errors: [] } });
		const failure = (outcomes[1] as { error: PassthroughFailure }).error;
		expect(failure.message).toBe(
			'REQUIRED_FIELD_MISSING: Required fields are missing: [Name] (fields: Name)',
		);
		expect(failure.details.recordDetails).toEqual({ errors });
		expect(() => salesforceMode.correlate({ statusCode: 200, body: [] }, [{}], {}, create)).toThrow(
			/0 results for 1 records/,
		);
	});
});

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
		expect(mode.record({ a: 1 }, operation, 0)).toEqual({ record: { a: 1 }, shared: {} });
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
