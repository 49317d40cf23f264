import type { INodeExecutionData } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { jsonOf, useSimulator } from '../harness/fixture';
import { connectionById } from '../harness/workflow';

const fixture = useSimulator({ hubspotContacts: 1200, salesforceAccounts: 50 });

const CONTINUE = { onError: 'continueRegularOutput' as const };

/** A seeded choice of `count` distinct indexes below `size` (a fixed LCG: the same 30 records every run). */
function seededPick(size: number, count: number, seed: number): Set<number> {
	const picked = new Set<number>();
	let state = seed;
	while (picked.size < count) {
		state = (Math.imul(state, 1103515245) + 12345) >>> 0;
		picked.add(state % size);
	}
	return picked;
}

function hubspot(operation: string, batchSize?: number) {
	return {
		connection: connectionById('conn_hubspot'),
		method: 'POST',
		path: `/crm/v3/objects/contacts/batch/${operation}`,
		sendBody: true,
		specifyBody: 'json',
		jsonBody: '={{ JSON.stringify($json.body) }}',
		options: { batching: { settings: { mode: 'hubspot', ...(batchSize ? { batchSize } : {}) } } },
	};
}

function pairedItems(items: INodeExecutionData[] | undefined): unknown[] {
	return (items ?? []).map((item) => item.pairedItem);
}

function isError(item: INodeExecutionData): boolean {
	return typeof item.json.error === 'string';
}

describe('batch writes: HubSpot', () => {
	it('1,000 creates with 3% invalid emails: 970 results and 30 error items, paired in order; nothing written twice or lost', async () => {
		const tag = `create-${Date.now()}`;
		const invalid = seededPick(1000, 30, 13);
		const items = Array.from({ length: 1000 }, (_, index) => ({
			body: {
				properties: {
					email: invalid.has(index) ? `not-an-email-${index}` : `${tag}.${index}@example.com`,
					firstname: `N${index}`,
				},
			},
		}));
		const result = await fixture.run(hubspot('create'), items, CONTINUE);
		expect(result.status).toBe('success');
		const output = result.output('Passthrough')!;
		expect(output).toHaveLength(1000);
		expect(pairedItems(output)).toEqual(items.map((_, item) => ({ item })));
		const errors = output.filter(isError);
		expect(errors).toHaveLength(30);
		output.forEach((item, index) => {
			if (invalid.has(index)) {
				expect(item.json.error).toContain(`Email address not-an-email-${index} is invalid`);
				expect(item.json.statusCode).toBe(400);
			} else {
				expect((item.json.properties as { email: string }).email).toBe(
					`${tag}.${index}@example.com`,
				);
			}
		});
		const ids = output.filter((item) => !isError(item)).map((item) => item.json.id);
		expect(new Set(ids).size).toBe(970);

		const calls = fixture.passthroughCalls();
		console.log(`HubSpot create, 1,000 items, 30 invalid: ${calls.length} calls with isolation`);
		expect(
			calls.every((call) => call === 'POST conn_hubspot/crm/v3/objects/contacts/batch/create'),
		).toBe(true);
		// Each of the 10 batches holds about three bad records; isolating each costs at most 2 calls per level (7 levels).
		expect(calls.length).toBeLessThan(10 + 30 * 2 * 7);

		// Read every good record back by email: all there, once.
		fixture.sim.resetStats();
		const readBack = await fixture.run(
			hubspot('read'),
			[...Array(1000).keys()]
				.filter((index) => !invalid.has(index))
				.map((index) => ({
					body: {
						idProperty: 'email',
						properties: ['email'],
						inputs: [{ id: `${tag}.${index}@example.com` }],
					},
				})),
		);
		expect(readBack.status).toBe('success');
		expect(readBack.output('Passthrough')).toHaveLength(970);
		expect(fixture.passthroughCalls()).toHaveLength(10);

		// Sending the same good records again is refused as duplicates: they were each written once.
		fixture.sim.resetStats();
		const again = await fixture.run(
			hubspot('create'),
			items.slice(0, 3).filter((_, i) => !invalid.has(i)),
			CONTINUE,
		);
		expect(
			jsonOf(again.output('Passthrough')).every((json) =>
				String((json as { error?: string }).error).includes('already exists'),
			),
		).toBe(true);
	});

	it('1,000 updates with 3% missing ids: the 207 errors land on their own items, the other results on theirs', async () => {
		const missing = seededPick(1000, 30, 29);
		const items = Array.from({ length: 1000 }, (_, index) => ({
			body: {
				id: missing.has(index) ? `999${index}` : String(101 + index),
				properties: { lastname: `Updated${index}` },
			},
		}));
		const result = await fixture.run(hubspot('update'), items, CONTINUE);
		expect(result.status).toBe('success');
		const output = result.output('Passthrough')!;
		expect(output).toHaveLength(1000);
		expect(pairedItems(output)).toEqual(items.map((_, item) => ({ item })));
		expect(output.filter(isError)).toHaveLength(30);
		output.forEach((item, index) => {
			if (missing.has(index)) {
				expect(item.json.error).toContain('Could not get some CONTACT objects');
				expect(item.json.details).toMatchObject({ category: 'OBJECT_NOT_FOUND' });
			} else {
				// The simulator shuffles `results`: each one still lands on the item it belongs to.
				expect(item.json.id).toBe(String(101 + index));
				expect((item.json.properties as { lastname: string }).lastname).toBe(`Updated${index}`);
			}
		});
		expect(fixture.passthroughCalls()).toHaveLength(10);
	});

	it('without continueOnFail, the node fails with a short title saying how many failed and that the others were written', async () => {
		const items = [0, 1, 2, 3].map((index) => ({
			body: {
				id: index === 1 || index === 3 ? `777${index}` : String(101 + index),
				properties: { lastname: 'X' },
			},
		}));
		const result = await fixture.run(hubspot('update'), items);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'2 of 4 records of one batch call failed; the other 2 were written [item 1]',
		);
		expect(result.error?.description).toMatch(/^Turn on "On Error: Continue"/);
		expect(result.error?.description).toContain('item 1: Could not get some CONTACT objects');
		expect(result.error?.description).toContain('item 3: ');
	});

	it('50 failing records: the title stays short, the advice leads the description, every failed item is in the details', async () => {
		const items = Array.from({ length: 50 }, (_, index) => ({
			body: { id: `not-an-email-${index}`, idProperty: 'email', properties: { firstname: 'X' } },
		}));
		const result = await fixture.run(hubspot('upsert'), items);
		expect(result.status).toBe('error');
		const error = result.error!;
		expect(error.message).toBe(
			'50 of 50 records of one batch call failed; the other 0 were written [item 0]',
		);
		expect(error.description).toMatch(/^Turn on "On Error: Continue"/);
		expect(error.description).toContain('item 0: Invalid unique value "not-an-email-0"');
		expect(error.description).toContain('and 45 more');
		expect(error.description!.length).toBeLessThan(1200);
		const details = error.context as { failedRecords: unknown[]; written: number } | undefined;
		expect(details?.written).toBe(0);
		expect(details?.failedRecords).toHaveLength(50);
		expect(details?.failedRecords[49]).toEqual({
			item: 49,
			error: 'Invalid unique value "not-an-email-49" for idProperty email (VALIDATION_ERROR)',
		});
		expect(fixture.passthroughCalls()).toHaveLength(1);
	});

	it('upserts by email: new and existing contacts, each result on its own item', async () => {
		const tag = `upsert-${Date.now()}`;
		const items = [
			{ body: { id: `${tag}.a@example.com`, idProperty: 'email', properties: { firstname: 'A' } } },
			{
				body: {
					id: 'seeded.101@example.com',
					idProperty: 'email',
					properties: { firstname: 'Seed' },
				},
			},
			{ body: { id: `${tag}.b@example.com`, idProperty: 'email', properties: { firstname: 'B' } } },
		];
		const result = await fixture.run(hubspot('upsert'), items);
		expect(result.status).toBe('success');
		const output = jsonOf(result.output('Passthrough')) as Array<{
			id: string;
			new: boolean;
			properties: Record<string, string>;
		}>;
		expect(output.map((json) => json.properties.email)).toEqual(items.map((item) => item.body.id));
		expect(output.map((json) => json.new)).toEqual([true, false, true]);
		expect(output[1].id).toBe('101');
		expect(fixture.passthroughCalls()).toHaveLength(1);
	});

	it('upserts with an empty or missing email: HubSpot\'s error for "" lands on each of those items', async () => {
		const tag = `upsert-empty-${Date.now()}`;
		const items = [
			{ body: { id: `${tag}.a@example.com`, idProperty: 'email', properties: { firstname: 'A' } } },
			{ body: { id: '', idProperty: 'email', properties: { firstname: 'Empty' } } },
			{ body: { idProperty: 'email', properties: { firstname: 'Missing' } } },
			{ body: { id: `${tag}.b@example.com`, idProperty: 'email', properties: { firstname: 'B' } } },
		];
		const result = await fixture.run(hubspot('upsert'), items, CONTINUE);
		expect(result.status).toBe('success');
		const output = result.output('Passthrough')!;
		expect(pairedItems(output)).toEqual(items.map((_, item) => ({ item })));
		expect(output[0].json.properties).toMatchObject({ email: `${tag}.a@example.com` });
		expect(output[3].json.properties).toMatchObject({ email: `${tag}.b@example.com` });
		for (const item of [output[1], output[2]]) {
			expect(item.json).toMatchObject({
				error: 'Invalid unique value "" for idProperty email (VALIDATION_ERROR)',
				statusCode: 207,
				details: { category: 'VALIDATION_ERROR', context: { ids: [''] } },
			});
		}
		expect(fixture.passthroughCalls()).toHaveLength(1);
	});

	it('items that disagree on a shared field (read properties) or a header are split into separate calls, never mixed', async () => {
		const read = (id: string, properties: string[]) => ({ body: { properties, inputs: [{ id }] } });
		const result = await fixture.run(hubspot('read'), [
			read('101', ['email']),
			read('102', ['email']),
			read('103', ['firstname']),
			read('104', ['email']),
		]);
		expect(result.status).toBe('success');
		const output = jsonOf(result.output('Passthrough')) as Array<{
			id: string;
			properties: Record<string, unknown>;
		}>;
		expect(output.map((json) => json.id)).toEqual(['101', '102', '103', '104']);
		expect(Object.keys(output[2].properties).sort()).toEqual(['firstname', 'hs_object_id']);
		expect(fixture.passthroughCalls()).toHaveLength(3);
	});

	it('a whole call that fails (unknown connection) fails each of its items with that message', async () => {
		const result = await fixture.run(
			{ ...hubspot('update'), connection: connectionById('conn_missing') },
			[{ body: { id: '101' } }, { body: { id: '102' } }],
			CONTINUE,
		);
		const output = jsonOf(result.output('Passthrough')) as Array<{
			error: string;
			statusCode: number;
		}>;
		expect(output).toHaveLength(2);
		for (const json of output) {
			expect(json.error).toContain('Connection conn_missing not found');
			expect(json.statusCode).toBe(404);
		}
		expect(fixture.sim.received.filter((line) => line.includes('/passthrough/'))).toHaveLength(1);
	});

	it('archive answers 204: every item gets an empty result', async () => {
		const result = await fixture.run(hubspot('archive'), [
			{ body: { id: '1100' } },
			{ body: { id: '1101' } },
		]);
		expect(jsonOf(result.output('Passthrough'))).toEqual([{}, {}]);
		expect(fixture.passthroughCalls()).toHaveLength(1);
	});

	it("a Batch Size above HubSpot's 100 is lowered to it", async () => {
		const items = Array.from({ length: 150 }, (_, index) => ({
			body: { id: String(101 + index) },
		}));
		const result = await fixture.run(hubspot('read', 500), items);
		expect(result.status).toBe('success');
		expect(result.output('Passthrough')).toHaveLength(150);
		expect(fixture.passthroughCalls()).toHaveLength(2);
	});

	it('a 5xx is resent for update (safe to repeat) but never for create', async () => {
		fixture.sim.faults.add({
			kind: 'status',
			status: 503,
			times: 1,
			pathPrefix: 'crm/v3/objects/contacts/batch/update',
		});
		const update = await fixture.run(hubspot('update'), [
			{ body: { id: '101', properties: { lastname: 'R' } } },
		]);
		expect(update.status).toBe('success');
		expect(fixture.passthroughCalls()).toHaveLength(2);

		fixture.sim.resetStats();
		fixture.sim.faults.add({
			kind: 'status',
			status: 503,
			times: 1,
			pathPrefix: 'crm/v3/objects/contacts/batch/create',
		});
		const create = await fixture.run(
			hubspot('create'),
			[{ body: { properties: { email: `retry-${Date.now()}@example.com` } } }],
			CONTINUE,
		);
		expect((jsonOf(create.output('Passthrough'))[0] as { statusCode: number }).statusCode).toBe(
			503,
		);
		expect(fixture.passthroughCalls()).toHaveLength(1);
	});

	it("an item naming another item's would-be trace id (n8n-item-1) does not hide either result: both created, each on its own item", async () => {
		const tag = `trace-${Date.now()}`;
		const items = [0, 1, 2].map((index) => ({
			body: {
				properties: { email: `${tag}.${index}@example.com` },
				...(index === 0 ? { objectWriteTraceId: 'n8n-item-1' } : {}),
			},
		}));
		const result = await fixture.run(hubspot('create'), items, CONTINUE);
		expect(result.status).toBe('success');
		const output = jsonOf(result.output('Passthrough')) as Array<Record<string, unknown>>;
		expect(output.map((json) => json.error)).toEqual([undefined, undefined, undefined]);
		expect(output.map((json) => (json.properties as { email: string }).email)).toEqual(
			items.map((item) => item.body.properties.email),
		);
		expect(output[0].objectWriteTraceId).toBe('n8n-item-1');
		// The node's own trace ids carry a random token of the execution: not guessable from the item's index.
		expect(output[1].objectWriteTraceId).toMatch(/^n8n-[\w-]{16}-1$/);
	});

	it('two items claiming one objectWriteTraceId: the later is refused before sending, naming both items and the field; the others are written', async () => {
		const tag = `dup-trace-${Date.now()}`;
		const items = [0, 1, 2].map((index) => ({
			body: {
				properties: { email: `${tag}.${index}@example.com` },
				// The same id in two spellings: HubSpot pairs by its text.
				...(index === 0
					? { objectWriteTraceId: 7 }
					: index === 2
						? { objectWriteTraceId: '7' }
						: {}),
			},
		}));
		const result = await fixture.run(hubspot('create'), items, CONTINUE);
		const output = jsonOf(result.output('Passthrough')) as Array<Record<string, unknown>>;
		expect(output[0].error).toBeUndefined();
		expect(output[1].error).toBeUndefined();
		expect(output[2].error).toContain(`Item 2's "objectWriteTraceId" is "7", the same as item 0's`);
		expect(fixture.passthroughCalls()).toEqual([
			'POST conn_hubspot/crm/v3/objects/contacts/batch/create',
		]);
		// Item 2 was never sent: creating it now succeeds.
		const retry = await fixture.run(hubspot('create'), [{ body: items[2].body }], CONTINUE);
		expect(jsonOf(retry.output('Passthrough'))[0]).toMatchObject({
			properties: { email: `${tag}.2@example.com` },
		});
	});

	it('pagination and batching together are refused, naming both options, before any request', async () => {
		const parameters = hubspot('create');
		const result = await fixture.run(
			{
				...parameters,
				options: { ...parameters.options, pagination: { settings: { mode: 'hubspot' } } },
			},
			[{ body: { properties: { email: 'x@example.com' } } }],
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('"Batching" and "Pagination" cannot be used together');
		expect(fixture.passthroughCalls()).toHaveLength(0);
	});
});

describe('batch writes: Salesforce sObject Collections', () => {
	const salesforce = (method: string, path: string) => ({
		connection: connectionById('conn_salesforce'),
		method,
		path,
		sendBody: true,
		specifyBody: 'json',
		jsonBody: '={{ JSON.stringify($json.body) }}',
		options: { batching: { settings: { mode: 'salesforce' } } },
	});

	it('create: per-record REQUIRED_FIELD_MISSING and DUPLICATE_VALUE on their items, the rest created', async () => {
		const tag = `sf-${Date.now()}`;
		const account = (name: string | undefined, externalId: string) => ({
			body: {
				attributes: { type: 'Account' },
				...(name ? { Name: name } : {}),
				External_Id__c: externalId,
			},
		});
		const items = [
			account('A', `${tag}-1`),
			account(undefined, `${tag}-2`),
			account('C', `${tag}-3`),
			account('D', `${tag}-3`),
		];
		const result = await fixture.run(
			salesforce('POST', 'services/data/v62.0/composite/sobjects'),
			items,
			CONTINUE,
		);
		const output = jsonOf(result.output('Passthrough')) as Array<Record<string, unknown>>;
		expect(output).toHaveLength(4);
		expect(output[0]).toMatchObject({ success: true });
		expect(output[1].error).toContain(
			'REQUIRED_FIELD_MISSING: Required fields are missing: [Name] (fields: Name)',
		);
		expect(output[1].details).toMatchObject({
			errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', fields: ['Name'] }],
		});
		expect(output[2]).toMatchObject({ success: true });
		expect(output[3].error).toContain('DUPLICATE_VALUE');
		expect(pairedItems(result.output('Passthrough'))).toEqual(
			[0, 1, 2, 3].map((item) => ({ item })),
		);
		expect(fixture.passthroughCalls()).toEqual([
			'POST conn_salesforce/services/data/v62.0/composite/sobjects',
		]);

		fixture.sim.resetStats();
		const upsert = await fixture.run(
			salesforce('PATCH', 'services/data/v62.0/composite/sobjects/Account/External_Id__c'),
			[
				{ body: { attributes: { type: 'Account' }, Name: 'A2', External_Id__c: `${tag}-1` } },
				{ body: { attributes: { type: 'Account' }, Name: 'E', External_Id__c: `${tag}-9` } },
			],
		);
		expect(
			(jsonOf(upsert.output('Passthrough')) as Array<{ created: boolean }>).map(
				(json) => json.created,
			),
		).toEqual([false, true]);

		fixture.sim.resetStats();
		const ids = [output[0].id as string, '001NOPE', output[2].id as string];
		const retrieve = await fixture.run(
			salesforce('POST', 'services/data/v62.0/composite/sobjects/Account'),
			ids.map((id) => ({ body: { id, fields: ['Name'] } })),
			CONTINUE,
		);
		expect(jsonOf(retrieve.output('Passthrough'))).toMatchObject([
			{ Name: 'A2' },
			{ error: 'NOT_FOUND: no record with id 001NOPE' },
			{ Name: 'C' },
		]);
		expect(fixture.passthroughCalls()).toHaveLength(1);
	});

	it('an expired session (401) fails every item of the call', async () => {
		const result = await fixture.run(
			{
				...salesforce('PATCH', 'services/data/v62.0/composite/sobjects'),
				connection: connectionById('conn_salesforce_expired'),
			},
			[
				{ body: { attributes: { type: 'Account' }, id: '001' } },
				{ body: { attributes: { type: 'Account' }, id: '002' } },
			],
			CONTINUE,
		);
		const output = jsonOf(result.output('Passthrough')) as Array<{
			error: string;
			statusCode: number;
		}>;
		expect(output.map((json) => json.statusCode)).toEqual([401, 401]);
		expect(output[0].error).toContain('INVALID_SESSION_ID');
	});
});

describe('batch writes: custom', () => {
	it("item bodies go to Array Path, results come from Results Path in order; a failed record is its item's error", async () => {
		// The simulator's Salesforce collections stand in for "any API that takes an array and answers one result per record".
		const result = await fixture.run(
			{
				connection: connectionById('conn_salesforce'),
				method: 'PATCH',
				path: 'services/data/v62.0/composite/sobjects',
				sendBody: true,
				specifyBody: 'json',
				jsonBody: '={{ JSON.stringify($json.body) }}',
				options: {
					batching: { settings: { mode: 'custom', arrayPath: 'records', resultsPath: '' } },
				},
			},
			[
				{ body: { attributes: { type: 'Account' }, id: '001D00000000000000', Name: 'Renamed' } },
				{ body: { attributes: { type: 'Account' }, id: '001MISSING', Name: 'X' } },
			],
			CONTINUE,
		);
		const output = jsonOf(result.output('Passthrough')) as Array<Record<string, unknown>>;
		expect(output[0]).toMatchObject({ success: true, id: '001D00000000000000' });
		expect(output[1].error).toContain('invalid cross reference id');
	});

	it('a dotted Array Path (data.records) is read from each item as it is written: the record, not the whole body, goes in the list', async () => {
		const parameters = {
			connection: connectionById('conn_acme'),
			method: 'POST',
			path: 'batch-echo?list=data.records',
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={{ JSON.stringify($json.body) }}',
			options: {
				batching: {
					settings: { mode: 'custom', arrayPath: 'data.records', resultsPath: 'results' },
				},
			},
		};
		const result = await fixture.run(
			parameters,
			[
				// The envelope form, with a field of the call beside the list...
				{ body: { data: { records: [{ name: 'a' }], dryRun: true }, source: 'n8n' } },
				{ body: { data: { records: [{ name: 'b' }], dryRun: true }, source: 'n8n' } },
			],
			CONTINUE,
		);
		expect(result.status).toBe('success');
		const output = jsonOf(result.output('Passthrough')) as Array<Record<string, unknown>>;
		expect(output).toEqual([
			{ ok: true, record: { name: 'a' } },
			{ ok: true, record: { name: 'b' } },
		]);
		expect(fixture.passthroughCalls()).toHaveLength(1);

		// ...and the plain form: each body is the record itself, `data` included when it holds no list.
		const plain = await fixture.run(
			parameters,
			[{ body: { name: 'c', data: { note: 1 } } }, { body: { name: 'd' } }],
			CONTINUE,
		);
		expect(jsonOf(plain.output('Passthrough'))).toEqual([
			{ ok: true, record: { name: 'c', data: { note: 1 } } },
			{ ok: true, record: { name: 'd' } },
		]);
	});
});
