import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startSimulator, type Simulator } from './index';

// Unified's webhook API in the simulator: create, list, read, update, delete, trigger, and what it refuses.
let sim: Simulator;
beforeAll(async () => {
	// A long interval: nothing here should be delivered on its own.
	sim = await startSimulator({ webhookTickMs: 60_000 });
});
afterAll(async () => sim.close());
beforeEach(() => sim.resetStats());

async function call(method: string, path: string, body?: unknown, key = sim.apiKey) {
	const response = await fetch(`${sim.baseUrl}${path}`, {
		method,
		headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await response.text();
	return {
		status: response.status,
		body: text ? (JSON.parse(text) as Record<string, unknown> & { id?: string }) : undefined,
	};
}

const contactHook = {
	hook_url: 'http://127.0.0.1:9/webhook/abc',
	connection_id: 'conn_hubspot',
	object_type: 'crm_contact',
	event: 'updated',
};

describe('the webhook API', () => {
	it('creates a virtual webhook with Unified’s fields and keeps it', async () => {
		const created = await call('POST', '/unified/webhook', {
			...contactHook,
			interval: 5,
			fields: 'name,emails',
			filters: { owner: 'me' },
		});
		expect(created.status).toBe(200);
		expect(created.body).toMatchObject({
			id: expect.stringMatching(/^wh_\d+$/),
			connection_id: 'conn_hubspot',
			hook_url: 'http://127.0.0.1:9/webhook/abc',
			object_type: 'crm_contact',
			event: 'updated',
			interval: 5,
			fields: 'name,emails',
			filters: { owner: 'me' },
			webhook_type: 'virtual',
			is_healthy: true,
			is_paused: false,
			runs: [],
			page_max_limit: 50,
			integration_type: 'hubspot',
			environment: 'Production',
			workspace_id: expect.any(String),
			created_at: expect.any(String),
			updated_at: expect.any(String),
		});
		expect(sim.webhooks).toEqual([created.body]);
		expect(await call('GET', `/unified/webhook/${created.body!.id}`)).toEqual(created);
	});

	it('lists by connection with limit and offset', async () => {
		const first = await call('POST', '/unified/webhook', contactHook);
		const second = await call('POST', '/unified/webhook', { ...contactHook, event: 'created' });
		const company = await call('POST', '/unified/webhook', {
			...contactHook,
			connection_id: 'conn_salesforce',
			object_type: 'crm_company',
		});
		const ids = (reply: { body?: unknown }) =>
			(reply.body as Array<{ id: string }>).map((webhook) => webhook.id);
		expect(ids(await call('GET', '/unified/webhook'))).toEqual([
			first.body!.id,
			second.body!.id,
			company.body!.id,
		]);
		expect(ids(await call('GET', '/unified/webhook?connection_id=conn_hubspot'))).toEqual([
			first.body!.id,
			second.body!.id,
		]);
		expect(ids(await call('GET', '/unified/webhook?limit=1&offset=1'))).toEqual([second.body!.id]);
	});

	it('updates with PUT and PATCH, deletes, and answers 404 for a webhook it does not have', async () => {
		const { id } = (await call('POST', '/unified/webhook', contactHook)).body!;
		const patched = await call('PATCH', `/unified/webhook/${id}`, {
			hook_url: 'http://127.0.0.1:9/webhook/other',
			is_paused: true,
		});
		expect(patched.body).toMatchObject({
			hook_url: 'http://127.0.0.1:9/webhook/other',
			is_paused: true,
		});
		const put = await call('PUT', `/unified/webhook/${id}`, { interval: 2 });
		expect(put.body).toMatchObject({ interval: 2, is_paused: true });
		expect(await call('DELETE', `/unified/webhook/${id}`)).toEqual({
			status: 200,
			body: undefined,
		});
		expect(sim.webhooks).toEqual([]);
		for (const [method, path] of [
			['GET', `/unified/webhook/${id}`],
			['PATCH', `/unified/webhook/${id}`],
			['DELETE', `/unified/webhook/${id}`],
			['PUT', `/unified/webhook/${id}/trigger`],
			['GET', '/unified/webhook/__proto__'],
			['GET', '/unified/webhook/%E0%A4%A'],
			['PUT', '/unified/webhook/%FF/trigger'],
			['GET', '/unified/webhook/constructor'],
		]) {
			expect(await call(method, path, method === 'GET' ? undefined : {})).toEqual({
				status: 404,
				body: { statusCode: 404, error: 'Not Found', message: 'Webhook not found' },
			});
		}
	});

	it('trigger answers with the webhook, checked now', async () => {
		const { id } = (await call('POST', '/unified/webhook', contactHook)).body!;
		for (const method of ['PUT', 'PATCH']) {
			const triggered = await call(method, `/unified/webhook/${id}/trigger`);
			expect(triggered).toMatchObject({
				status: 200,
				body: { id, checked_at: expect.any(String) },
			});
		}
	});

	const refusals: Array<[string, unknown, number, string]> = [
		['no body', '', 400, 'connection_id is required'],
		['an array', '[]', 400, 'the body must be a JSON object'],
		['broken JSON', '{"hook_url":', 400, 'the body must be JSON'],
		[
			'an unknown connection',
			{ ...contactHook, connection_id: 'conn_nope' },
			404,
			'Connection not found',
		],
		[
			'a connection id that is not a string',
			{ ...contactHook, connection_id: 7 },
			400,
			'connection_id is required',
		],
		[
			'no hook_url',
			{ ...contactHook, hook_url: undefined },
			400,
			'hook_url is required: the URL that receives the deliveries',
		],
		[
			'a blank hook_url',
			{ ...contactHook, hook_url: '  ' },
			400,
			'hook_url is required: the URL that receives the deliveries',
		],
		[
			'a hook_url that is not a URL',
			{ ...contactHook, hook_url: 'webhook/abc' },
			400,
			'hook_url "webhook/abc" is not a URL',
		],
		[
			'a javascript: hook_url',
			{ ...contactHook, hook_url: 'javascript:alert(1)' },
			400,
			'hook_url must be an http or https URL, not javascript:',
		],
		[
			'a file: hook_url',
			{ ...contactHook, hook_url: 'file:///etc/passwd' },
			400,
			'hook_url must be an http or https URL, not file:',
		],
		[
			'no event',
			{ ...contactHook, event: undefined },
			400,
			'event must be one of created, updated, deleted',
		],
		[
			'an event in capitals',
			{ ...contactHook, event: 'Updated' },
			400,
			'event must be one of created, updated, deleted',
		],
		[
			'an event list',
			{ ...contactHook, event: ['updated'] },
			400,
			'event must be one of created, updated, deleted',
		],
		[
			'no object_type',
			{ ...contactHook, object_type: undefined },
			400,
			'object_type is required, e.g. crm_contact',
		],
		[
			'an interval of 0',
			{ ...contactHook, interval: 0 },
			400,
			'interval must be a whole number from 1 to 10080',
		],
		[
			'an interval as text',
			{ ...contactHook, interval: '5' },
			400,
			'interval must be a whole number from 1 to 10080',
		],
		[
			'a fractional interval',
			{ ...contactHook, interval: 1.5 },
			400,
			'interval must be a whole number from 1 to 10080',
		],
		[
			'fields as a list',
			{ ...contactHook, fields: ['name'] },
			400,
			'fields must be a string of comma-separated field names',
		],
		[
			'filters as a list',
			{ ...contactHook, filters: ['a'] },
			400,
			'filters must be an object of strings',
		],
		[
			'a filter that is not text',
			{ ...contactHook, filters: { owner: 1 } },
			400,
			'filters.owner must be a string',
		],
		[
			'page_max_limit of 0',
			{ ...contactHook, page_max_limit: 0 },
			400,
			'page_max_limit must be a whole number from 1 to 1000',
		],
		[
			'is_paused as text',
			{ ...contactHook, is_paused: 'yes' },
			400,
			'is_paused must be true or false',
		],
	];
	it.each(refusals)('refuses %s', async (_name, body, status, message) => {
		const reply = await call('POST', '/unified/webhook', body);
		expect(reply).toEqual({
			status,
			body: { statusCode: status, error: expect.any(String), message },
		});
		expect(sim.webhooks).toEqual([]);
	});

	it('refuses an object type the connection’s integration does not have, naming both', async () => {
		const supported =
			'(the simulator supports crm_contact on hubspot, crm_company on salesforce, messaging_message on slack)';
		for (const [connection_id, object_type, integration] of [
			['conn_hubspot', 'crm_deal', 'hubspot'],
			['conn_hubspot', 'crm_company', 'hubspot'],
			['conn_salesforce', 'crm_contact', 'salesforce'],
			['conn_acme', 'crm_contact', 'acme'],
			['conn_hubspot', '__proto__', 'hubspot'],
			['conn_hubspot', 'toString', 'hubspot'],
		]) {
			expect(
				await call('POST', '/unified/webhook', { ...contactHook, connection_id, object_type }),
			).toEqual({
				status: 400,
				body: {
					statusCode: 400,
					error: 'Bad Request',
					message: `object_type ${object_type} is not supported by the ${integration} integration ${supported}`,
				},
			});
		}
	});

	it('refuses to change a webhook’s connection or object type, or to set a bad field', async () => {
		const { id } = (await call('POST', '/unified/webhook', contactHook)).body!;
		expect(
			await call('PATCH', `/unified/webhook/${id}`, { connection_id: 'conn_slack' }),
		).toMatchObject({
			status: 400,
			body: { message: 'connection_id cannot be changed: create another webhook' },
		});
		expect(await call('PUT', `/unified/webhook/${id}`, { object_type: 'crm_deal' })).toMatchObject({
			status: 400,
			body: { message: 'object_type cannot be changed: create another webhook' },
		});
		expect(await call('PATCH', `/unified/webhook/${id}`, { event: 'removed' })).toMatchObject({
			status: 400,
			body: { message: 'event must be one of created, updated, deleted' },
		});
		expect(sim.webhooks[0]).toMatchObject({ event: 'updated', connection_id: 'conn_hubspot' });
	});

	it('ignores the fields Unified sets itself, and refuses a body over 1 MB', async () => {
		const created = await call('POST', '/unified/webhook', {
			...contactHook,
			id: 'wh_mine',
			webhook_type: 'native',
			is_healthy: false,
			integration_type: 'salesforce',
			runs: ['x'],
		});
		expect(created.body).toMatchObject({
			id: expect.not.stringMatching('wh_mine'),
			webhook_type: 'virtual',
			is_healthy: true,
			integration_type: 'hubspot',
			runs: [],
		});
		const huge = await call('POST', '/unified/webhook', {
			...contactHook,
			fields: 'x'.repeat(1024 * 1024),
		});
		expect(huge).toMatchObject({ status: 413, body: { message: 'the body is larger than 1 MB' } });
		expect(sim.webhooks).toHaveLength(1);
	});

	it('needs the API key like every other route', async () => {
		expect(await call('POST', '/unified/webhook', contactHook, 'wrong')).toMatchObject({
			status: 401,
		});
		expect(await call('GET', '/unified/webhook', undefined, 'wrong')).toMatchObject({
			status: 401,
		});
		expect(sim.webhooks).toEqual([]);
	});
});
