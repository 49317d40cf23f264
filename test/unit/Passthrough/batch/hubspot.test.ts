import { describe, expect, it } from 'vitest';

import { hubspotMode } from '../../../../nodes/Unified/Passthrough/batch/hubspot';
import { PassthroughFailure } from '../../../../nodes/Unified/core/errors/passthroughFailure';

const create = hubspotMode.operation('POST', 'crm/v3/objects/contacts/batch/create');
const update = hubspotMode.operation('POST', 'crm/v3/objects/contacts/batch/update');
const read = hubspotMode.operation('POST', 'crm/v3/objects/contacts/batch/read');
const upsert = hubspotMode.operation('POST', 'crm/v3/objects/contacts/batch/upsert');

function errorOf(outcome: unknown): PassthroughFailure {
	return (outcome as { error: PassthroughFailure }).error;
}

describe('hubspotMode', () => {
	it('knows the operations: create is not safe to repeat and is split on a whole failure; the others are safe', () => {
		expect(create).toEqual({
			name: 'create',
			repeatable: false,
			splitOnWholeFailure: true,
			traced: true,
		});
		expect(update).toEqual({ name: 'update', repeatable: true, traced: true });
		expect(read).toEqual({ name: 'read', repeatable: true });
		// Associations and properties: no trace ids, and no splitting (only object create is known all-or-nothing).
		const associate = hubspotMode.operation(
			'POST',
			'crm/v4/associations/contacts/companies/batch/create',
		);
		expect(associate).toEqual({ name: 'create', repeatable: false });
		expect(
			hubspotMode.record({ from: { id: '1' }, to: { id: '2' } }, associate, 4, 'tok').record,
		).toEqual({
			from: { id: '1' },
			to: { id: '2' },
		});
		expect(
			hubspotMode.operation('POST', 'crm/v4/associations/contacts/companies/batch/archive/'),
		).toEqual({
			name: 'archive',
			repeatable: true,
		});
		expect(() => hubspotMode.operation('POST', 'crm/v3/objects/contacts')).toThrow(
			/batch endpoint/,
		);
		expect(() => hubspotMode.operation('PATCH', 'crm/v3/objects/contacts/batch/update')).toThrow(
			/POST/,
		);
	});

	it('an item body is one input; create, update and upsert inputs get a trace id of the run token unless they have one', () => {
		expect(hubspotMode.record({ properties: { a: 1 } }, create, 7, 'tok')).toEqual({
			record: { properties: { a: 1 }, objectWriteTraceId: 'n8n-tok-7' },
			shared: {},
		});
		expect(
			hubspotMode.record({ properties: {}, objectWriteTraceId: null }, create, 2, 'tok').record,
		).toEqual({ properties: {}, objectWriteTraceId: 'n8n-tok-2' });
		expect(
			hubspotMode.record({ id: '5', objectWriteTraceId: 'mine' }, update, 7, 'tok').record,
		).toEqual({
			id: '5',
			objectWriteTraceId: 'mine',
		});
		expect(
			hubspotMode.record({ properties: ['email'], inputs: [{ id: '5' }] }, read, 0, 'tok'),
		).toEqual({
			record: { id: '5' },
			shared: { properties: ['email'] },
		});
		expect(() => hubspotMode.record({ inputs: [{}, {}] }, read, 3, 'tok')).toThrow(
			/item 3 has "inputs" with 2 entries/,
		);
		expect(() => hubspotMode.record('text', create, 0, 'tok')).toThrow(/one input object/);
	});

	it('refuses a trace id that is not a non-empty text, naming the item and the field', () => {
		for (const given of ['', true, {}, ['a'], { id: 'a' }]) {
			let thrown: unknown;
			try {
				hubspotMode.record({ properties: {}, objectWriteTraceId: given }, upsert, 4, 'tok');
			} catch (error) {
				thrown = error;
			}
			expect(thrown).toMatchObject({ parameter: 'jsonBody' });
			expect((thrown as Error).message).toMatch(/^Item 4's "objectWriteTraceId" is /);
		}
		// Read and archive inputs carry no trace id: nothing to check there.
		expect(hubspotMode.record({ id: '1', objectWriteTraceId: {} }, read, 0, 'tok').record).toEqual({
			id: '1',
			objectWriteTraceId: {},
		});
	});

	it('claims the trace id of traced operations only, as text', () => {
		expect(hubspotMode.claimedId!({ objectWriteTraceId: 5 }, create)).toEqual({
			field: 'objectWriteTraceId',
			value: '5',
		});
		expect(hubspotMode.claimedId!({ id: '5' }, update)).toBeUndefined();
		expect(hubspotMode.claimedId!({ objectWriteTraceId: 'x' }, read)).toBeUndefined();
	});

	it('builds {inputs} with the shared fields', () => {
		expect(hubspotMode.body([{ id: '1' }, { id: '2' }], { properties: ['email'] }, read)).toEqual({
			properties: ['email'],
			inputs: [{ id: '1' }, { id: '2' }],
		});
	});

	it('pairs shuffled results by trace id and 207 errors by the ids in their context', () => {
		const records = [
			{ id: '1', objectWriteTraceId: 'n8n-item-0' },
			{ id: '2', objectWriteTraceId: 'n8n-item-1' },
			{ id: '3', objectWriteTraceId: 'n8n-item-2' },
		];
		const outcomes = hubspotMode.correlate(
			{
				statusCode: 207,
				body: {
					results: [
						{ id: '3', objectWriteTraceId: 'n8n-item-2' },
						{ id: '1', objectWriteTraceId: 'n8n-item-0' },
					],
					errors: [
						{
							status: 'error',
							category: 'OBJECT_NOT_FOUND',
							message: 'Not found',
							context: { ids: ['2'] },
						},
					],
				},
			},
			records,
			{},
			update,
		);
		expect(outcomes[0]).toEqual({ result: { id: '1', objectWriteTraceId: 'n8n-item-0' } });
		expect(errorOf(outcomes[1]).message).toBe('Not found (OBJECT_NOT_FOUND)');
		expect(errorOf(outcomes[1]).details.recordDetails).toEqual({
			category: 'OBJECT_NOT_FOUND',
			context: { ids: ['2'] },
		});
		expect(outcomes[2]).toEqual({ result: { id: '3', objectWriteTraceId: 'n8n-item-2' } });
	});

	it('falls back to the object id (read) and the unique property (upsert, read by idProperty)', () => {
		const byId = hubspotMode.correlate(
			{ statusCode: 200, body: { results: [{ id: '9' }, { id: '8' }] } },
			[{ id: '8' }, { id: '9' }],
			{},
			read,
		);
		expect(byId).toEqual([{ result: { id: '8' } }, { result: { id: '9' } }]);
		const byEmail = hubspotMode.correlate(
			{
				statusCode: 200,
				body: {
					results: [
						{ id: '100', properties: { email: 'b@x.io' } },
						{ id: '101', properties: { email: 'a@x.io' } },
					],
				},
			},
			[
				{ id: 'a@x.io', idProperty: 'email' },
				{ id: 'b@x.io', idProperty: 'email' },
			],
			{},
			upsert,
		);
		expect(byEmail.map((outcome) => (outcome as { result: { id: string } }).result.id)).toEqual([
			'101',
			'100',
		]);
	});

	it('an upsert error naming an empty unique value ("") is the error of every input whose value is empty or missing', () => {
		const invalid = (value: string) => ({
			status: 'error',
			category: 'VALIDATION_ERROR',
			message: `Invalid unique value "${value}" for idProperty email`,
			context: { ids: [value] },
		});
		const records = [
			{ id: 'a@x.io', idProperty: 'email', objectWriteTraceId: 'n8n-item-0' },
			{ id: '', idProperty: 'email', objectWriteTraceId: 'n8n-item-1' },
			{ idProperty: 'email', objectWriteTraceId: 'n8n-item-2' },
			{ id: null, idProperty: 'email', objectWriteTraceId: 'n8n-item-3' },
			{ id: 'bad', idProperty: 'email', objectWriteTraceId: 'n8n-item-4' },
			{ id: 'bad', idProperty: 'email', objectWriteTraceId: 'n8n-item-5' },
			{ id: ' ', idProperty: 'email', objectWriteTraceId: 'n8n-item-6' },
		];
		const outcomes = hubspotMode.correlate(
			{
				statusCode: 207,
				body: {
					results: [{ id: '7', objectWriteTraceId: 'n8n-item-0' }],
					// HubSpot answers one error per failed input; one naming "" twice pairs the same way.
					errors: [invalid(''), invalid(''), invalid('bad'), invalid(' ')],
				},
			},
			records,
			{},
			upsert,
		);
		expect(outcomes[0]).toEqual({ result: { id: '7', objectWriteTraceId: 'n8n-item-0' } });
		for (const position of [1, 2, 3])
			expect(errorOf(outcomes[position]).message).toBe(
				'Invalid unique value "" for idProperty email (VALIDATION_ERROR)',
			);
		for (const position of [4, 5])
			expect(errorOf(outcomes[position]).message).toBe(
				'Invalid unique value "bad" for idProperty email (VALIDATION_ERROR)',
			);
		expect(errorOf(outcomes[6]).message).toBe(
			'Invalid unique value " " for idProperty email (VALIDATION_ERROR)',
		);
	});

	it('an error naming "" does not land on inputs that have a value, nor on inputs paired by id without idProperty', () => {
		const outcomes = hubspotMode.correlate(
			{
				statusCode: 207,
				body: {
					results: [],
					errors: [{ category: 'VALIDATION_ERROR', message: 'Invalid', context: { ids: [''] } }],
				},
			},
			[{ id: 'a@x.io', idProperty: 'email' }, { id: '' }, { properties: {} }],
			{},
			update,
		);
		for (const outcome of outcomes)
			expect(errorOf(outcome).message).toContain('neither a result nor an error');
	});

	it("a record with neither a result nor an error is that item's error; a 204 (archive) is a result for all", () => {
		const outcomes = hubspotMode.correlate(
			{ statusCode: 200, body: { results: [{ id: '1' }] } },
			[{ id: '1' }, { id: '2' }],
			{},
			read,
		);
		expect(errorOf(outcomes[1]).message).toContain('neither a result nor an error');
		expect(
			hubspotMode.correlate({ statusCode: 204, body: undefined }, [{ id: '1' }], {}, read),
		).toEqual([{ result: {} }]);
	});
});
