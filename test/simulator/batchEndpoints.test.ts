import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSimulator, type Simulator } from './index';

// The simulator's batch endpoints on their own, through plain HTTP: the behaviours the node's batching is tested against.
let sim: Simulator;
beforeAll(async () => {
	sim = await startSimulator({ hubspotContacts: 5, salesforceAccounts: 3 });
});
afterAll(async () => sim.close());

async function post(path: string, body: unknown, method = 'POST') {
	const response = await fetch(`${sim.baseUrl}/passthrough/${path}`, {
		method,
		headers: { authorization: `Bearer ${sim.apiKey}`, 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const text = await response.text();
	// The answers' shapes are what these tests check: read loosely, asserted field by field.
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	return { status: response.status, body: (text ? JSON.parse(text) : undefined) as any };
}

const hubspot = (operation: string, body: unknown) =>
	post(`conn_hubspot/crm/v3/objects/contacts/batch/${operation}`, body);
const collections = (path: string, body: unknown, method = 'POST') =>
	post(`conn_salesforce/services/data/v62.0/composite/sobjects${path}`, body, method);

describe('HubSpot contacts batch', () => {
	it('create is all-or-nothing: one invalid email is a 400 and nothing is written', async () => {
		const inputs = [{ properties: { email: 'ok.1@x.io' } }, { properties: { email: 'bad' } }];
		const { status, body } = await hubspot('create', { inputs });
		expect(status).toBe(400);
		expect(body).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
		const read = await hubspot('read', { idProperty: 'email', inputs: [{ id: 'ok.1@x.io' }] });
		expect(read.status).toBe(207);
	});

	it('a duplicate email is a 409; results carry the trace ids, in a shuffled order', async () => {
		const inputs = Array.from({ length: 8 }, (_, index) => ({
			properties: { email: `dup.${index}@x.io` },
			objectWriteTraceId: `t${index}`,
		}));
		const created = await hubspot('create', { inputs });
		expect(created.status).toBe(201);
		const traces = created.body.results.map(
			(result: { objectWriteTraceId: string }) => result.objectWriteTraceId,
		);
		expect([...traces].sort()).toEqual(inputs.map((input) => input.objectWriteTraceId).sort());
		expect(traces).not.toEqual(inputs.map((input) => input.objectWriteTraceId));
		const again = await hubspot('create', { inputs: [{ properties: { email: 'dup.3@x.io' } }] });
		expect(again.status).toBe(409);
		expect(again.body.category).toBe('CONFLICT');
	});

	it('update answers 207 with the missing ids in the error context; more than 100 inputs is a 400', async () => {
		const { status, body } = await hubspot('update', {
			inputs: [{ id: '101', properties: { lastname: 'X' } }, { id: '42' }],
		});
		expect(status).toBe(207);
		expect(body.results).toHaveLength(1);
		expect(body.errors[0]).toMatchObject({
			category: 'OBJECT_NOT_FOUND',
			context: { ids: ['42'] },
		});
		const tooMany = await hubspot('read', {
			inputs: Array.from({ length: 101 }, () => ({ id: '101' })),
		});
		expect(tooMany.status).toBe(400);
	});
});

describe('Salesforce sObject Collections', () => {
	it('answers per record in order; allOrNone true writes nothing when one record fails', async () => {
		const records = [
			{ attributes: { type: 'Account' }, Name: 'A', External_Id__c: 'e1' },
			{ attributes: { type: 'Account' }, External_Id__c: 'e2' },
		];
		const rolledBack = await collections('', { allOrNone: true, records });
		expect(
			rolledBack.body.map(
				(result: { errors: Array<{ statusCode: string }> }) => result.errors[0].statusCode,
			),
		).toEqual(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'REQUIRED_FIELD_MISSING']);
		const partial = await collections('', { allOrNone: false, records });
		expect(partial.body[0]).toMatchObject({ success: true });
		expect(partial.body[1]).toMatchObject({
			success: false,
			errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', fields: ['Name'] }],
		});
		const duplicate = await collections('', { records: [records[0]] });
		expect(duplicate.body[0].errors[0].statusCode).toBe('DUPLICATE_VALUE');
	});

	it('refuses more than 200 records', async () => {
		const records = Array.from({ length: 201 }, () => ({
			attributes: { type: 'Account' },
			Name: 'N',
		}));
		const { status, body } = await collections('', { records });
		expect(status).toBe(400);
		expect(body[0].errorCode).toBe('EXCEEDED_ID_LIMIT');
	});
});
