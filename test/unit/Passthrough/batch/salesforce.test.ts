import { describe, expect, it } from 'vitest';

import { salesforceMode } from '../../../../nodes/Unified/Passthrough/batch/salesforce';
import { PassthroughFailure } from '../../../../nodes/Unified/core/errors/passthroughFailure';

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
			'tok',
		);
		expect(salesforceMode.body([record], shared, create)).toEqual({
			allOrNone: false,
			records: [{ Name: 'A' }],
		});
		const retrieve = salesforceMode.operation('POST', 'composite/sobjects/Account');
		const item = salesforceMode.record({ id: '001', fields: ['Name'] }, retrieve, 0, 'tok');
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
