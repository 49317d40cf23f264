import type { INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import type { RunResult } from '../harness/engine';
import { useSimulator } from '../harness/fixture';
import { connectionById } from '../harness/workflow';
import { hubspotContact } from '../simulator/upstreams/hubspot';
import { pagedItem } from '../simulator/upstreams/paged';
import { salesforceAccount } from '../simulator/upstreams/salesforce';
import { slackChannel } from '../simulator/upstreams/slack';

const SIZES = {
	hubspotContacts: 2345,
	slackChannels: 1500,
	salesforceAccounts: 4400,
	acmeItems: 1050,
};

const fixture = useSimulator(SIZES);

const range = <T>(count: number, make: (index: number) => T) =>
	Array.from({ length: count }, (_, index) => make(index));

interface Call {
	connection: string;
	method?: string;
	path: string;
	query?: Record<string, string | number>;
	headers?: Record<string, string>;
	body?: unknown;
	pagination: Record<string, unknown>;
	options?: Record<string, unknown>;
}

function parameters(call: Call): INodeParameters {
	const rows = (record: Record<string, unknown> | undefined) =>
		Object.entries(record ?? {}).map(([name, value]) => ({ name, value: String(value) }));
	return {
		connection: connectionById(call.connection),
		method: call.method ?? 'GET',
		path: call.path,
		sendQuery: !!call.query,
		queryParameters: { parameters: rows(call.query) },
		sendHeaders: !!call.headers,
		headerParameters: { parameters: rows(call.headers) },
		sendBody: call.body !== undefined,
		contentType: 'json',
		specifyBody: 'json',
		jsonBody: JSON.stringify(call.body ?? {}),
		options: { ...call.options, pagination: { settings: call.pagination } },
	} as INodeParameters;
}

/** The records (or pages) the node output. */
const records = (result: RunResult) => result.output('Passthrough') ?? [];

const ids = (items: Array<{ json: Record<string, unknown> }>, field = 'id') =>
	items.map((item) => item.json[field]);

describe('presets read every record exactly once, in order', () => {
	it.each([100, 35])('hubspot, limit %i', async (limit) => {
		const result = await fixture.run(
			parameters({
				connection: 'conn_hubspot',
				path: '/crm/v3/objects/contacts',
				query: { limit },
				pagination: { mode: 'hubspot', maxPages: 0 },
			}),
		);
		const items = records(result);
		expect(result.status).toBe('success');
		expect(ids(items)).toEqual(range(SIZES.hubspotContacts, (index) => hubspotContact(index).id));
		expect(fixture.sim.log).toHaveLength(Math.ceil(SIZES.hubspotContacts / limit));
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it.each([100, 200])('slack, limit %i (kept as given)', async (limit) => {
		const result = await fixture.run(
			parameters({
				connection: 'conn_slack',
				path: '/conversations.list',
				query: { limit },
				pagination: { mode: 'slack', maxPages: 0 },
			}),
		);
		const items = records(result);
		expect(result.status).toBe('success');
		expect(ids(items)).toEqual(range(SIZES.slackChannels, (index) => slackChannel(index).id));
		expect(
			fixture.sim.log.every(
				(entry) => new URLSearchParams(entry.rawQuery).get('limit') === String(limit),
			),
		).toBe(true);
	});

	it.each([200, 700])('salesforce, batch size %i', async (batchSize) => {
		const result = await fixture.run(
			parameters({
				connection: 'conn_salesforce',
				path: '/services/data/v62.0/query',
				query: { q: 'SELECT Id, Name FROM Account' },
				headers: { 'Sforce-Query-Options': `batchSize=${batchSize}` },
				pagination: { mode: 'salesforce', maxPages: 0 },
			}),
		);
		const items = records(result);
		expect(result.status).toBe('success');
		expect(ids(items, 'Id')).toEqual(
			range(SIZES.salesforceAccounts, (index) => salesforceAccount(index).Id),
		);
		expect(fixture.sim.log).toHaveLength(Math.ceil(SIZES.salesforceAccounts / batchSize));
		expect(fixture.sim.log[1].path).toBe(
			`services/data/v62.0/query/01gRO0000016PIAYA2-${batchSize}`,
		);
	});

	it.each([50, 40])('link header with absolute upstream URLs, per_page %i', async (perPage) => {
		const result = await fixture.run(
			parameters({
				connection: 'conn_acme',
				path: '/v2/items/link',
				query: { per_page: perPage },
				pagination: { mode: 'linkHeader', maxPages: 0 },
			}),
		);
		const items = records(result);
		expect(result.status).toBe('success');
		expect(ids(items)).toEqual(range(SIZES.acmeItems, (index) => pagedItem(index).id));
		// The upstream's absolute URLs went through the same connection's passthrough, as paths.
		expect(
			fixture.sim.log.every(
				(entry) => entry.connectionId === 'conn_acme' && entry.path === 'v2/items/link',
			),
		).toBe(true);
	});
});

describe('generic modes read every record exactly once, in order', () => {
	const all = range(SIZES.acmeItems, (index) => pagedItem(index).id);

	it.each([50, 40])('cursor in the query, limit %i', async (limit) => {
		const items = records(
			await fixture.run(
				parameters({
					connection: 'conn_acme',
					path: '/v2/items/cursor',
					query: { limit },
					pagination: {
						mode: 'cursor',
						cursorPath: 'meta.next_cursor',
						cursorParameter: 'cursor',
						maxPages: 0,
					},
				}),
			),
		);
		expect(ids(items)).toEqual(all);
	});

	it('cursor in a JSON body field (POST search)', async () => {
		const items = records(
			await fixture.run(
				parameters({
					connection: 'conn_acme',
					method: 'POST',
					path: '/v2/items/search',
					body: { limit: 40, filter: { kind: 'all' } },
					pagination: {
						mode: 'cursor',
						cursorPath: 'meta.next_cursor',
						cursorParameter: 'cursor',
						parameterIn: 'body',
						maxPages: 0,
					},
				}),
			),
		);
		expect(ids(items)).toEqual(all);
		expect(fixture.sim.log.every((entry) => entry.method === 'POST' && entry.rawQuery === '')).toBe(
			true,
		);
	});

	it.each([
		['relative', {}],
		['absolute', { absolute: 1 }],
	])('next URL in the body (%s)', async (_label, extra) => {
		const items = records(
			await fixture.run(
				parameters({
					connection: 'conn_acme',
					path: '/v2/items/next',
					query: { limit: 40, ...extra },
					pagination: { mode: 'nextUrl', nextUrlPath: 'links.next', maxPages: 0 },
				}),
			),
		);
		expect(ids(items)).toEqual(all);
	});

	it.each([50, 40])('offset and limit, page size %i', async (pageSize) => {
		const result = await fixture.run(
			parameters({
				connection: 'conn_acme',
				path: '/v2/items/offset',
				pagination: { mode: 'offset', pageSize, maxPages: 0 },
			}),
		);
		const items = records(result);
		expect(ids(items)).toEqual(all);
		// Pages until one comes back empty.
		expect(fixture.sim.log).toHaveLength(Math.ceil(SIZES.acmeItems / pageSize) + 1);
	});

	it('page and per_page', async () => {
		const items = records(
			await fixture.run(
				parameters({
					connection: 'conn_acme',
					path: '/v2/items/pages',
					pagination: {
						mode: 'offset',
						offsetType: 'page',
						offsetParameter: 'page',
						limitParameter: 'per_page',
						pageSize: 40,
						maxPages: 0,
					},
				}),
			),
		);
		expect(ids(items)).toEqual(all);
		expect(new URLSearchParams(fixture.sim.log[0].rawQuery).get('page')).toBe('1');
	});
});

describe('limits and output shapes', () => {
	it('maxPages stops where it says (default 100 included)', async () => {
		const three = await fixture.run(
			parameters({
				connection: 'conn_hubspot',
				path: '/crm/v3/objects/contacts',
				query: { limit: 10 },
				pagination: { mode: 'hubspot', maxPages: 3 },
			}),
		);
		expect(ids(records(three))).toEqual(range(30, (index) => hubspotContact(index).id));
		expect(fixture.sim.log).toHaveLength(3);
		fixture.sim.resetStats();
		const byDefault = await fixture.run(
			parameters({
				connection: 'conn_hubspot',
				path: '/crm/v3/objects/contacts',
				query: { limit: 10 },
				pagination: { mode: 'hubspot' },
			}),
		);
		expect(records(byDefault)).toHaveLength(1000);
		expect(fixture.sim.log).toHaveLength(100);
	});

	it('pages output: one item per page body', async () => {
		const items = records(
			await fixture.run(
				parameters({
					connection: 'conn_hubspot',
					path: '/crm/v3/objects/contacts',
					query: { limit: 100 },
					pagination: { mode: 'hubspot', output: 'pages', maxPages: 0 },
				}),
			),
		);
		expect(items).toHaveLength(24);
		expect((items[0].json.results as unknown[]).length).toBe(100);
		expect((items[23].json.results as unknown[]).length).toBe(45);
		expect(items[23].json.paging).toBeUndefined();
	});

	it('pages output with Full Response: statusCode, headers and body per page', async () => {
		const items = records(
			await fixture.run(
				parameters({
					connection: 'conn_acme',
					path: '/v2/items/link',
					query: { per_page: 500 },
					options: { fullResponse: true },
					pagination: { mode: 'linkHeader', output: 'pages' },
				}),
			),
		);
		expect(items.map((item) => item.json.statusCode)).toEqual([200, 200, 200]);
		expect((items[2].json.body as unknown[]).length).toBe(50);
		expect(String((items[0].json.headers as Record<string, string>).link)).toContain('rel="next"');
		expect(fixture.passthroughCalls()).toEqual([
			'GET conn_acme/v2/items/link?per_page=500',
			'GET conn_acme/v2/items/link?page=2&per_page=500',
			'GET conn_acme/v2/items/link?page=3&per_page=500',
		]);
	});

	it('recordsPath override', async () => {
		const items = records(
			await fixture.run(
				parameters({
					connection: 'conn_acme',
					path: '/v2/items/cursor',
					query: { limit: 500 },
					pagination: {
						mode: 'cursor',
						cursorPath: 'meta.next_cursor',
						recordsPath: 'data',
						maxPages: 0,
					},
				}),
			),
		);
		expect(ids(items)).toEqual(range(SIZES.acmeItems, (index) => pagedItem(index).id));
	});

	it('a records path that matches nothing fails naming it', async () => {
		const result = await fixture.run(
			parameters({
				connection: 'conn_hubspot',
				path: '/crm/v3/objects/contacts',
				pagination: { mode: 'hubspot', recordsPath: 'contacts' },
			}),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('no list of records at "contacts"');
		expect(fixture.passthroughCalls()).toEqual(['GET conn_hubspot/crm/v3/objects/contacts']);
	});

	it('Full Response with records output is refused before any request', async () => {
		const result = await fixture.run(
			parameters({
				connection: 'conn_hubspot',
				path: '/crm/v3/objects/contacts',
				options: { fullResponse: true },
				pagination: { mode: 'hubspot' },
			}),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('Full Response');
		expect(fixture.sim.log).toHaveLength(0);
	});
});

describe('loop guards', () => {
	it('a repeated cursor stops with a clear error', async () => {
		const result = await fixture.run(
			parameters({
				connection: 'conn_acme',
				path: '/v2/items/repeat-cursor',
				query: { limit: 10 },
				pagination: { mode: 'cursor', cursorPath: 'meta.next_cursor', maxPages: 0 },
			}),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain(
			'page 3 returned the same next cursor or URL as page 1',
		);
		expect(fixture.sim.log).toHaveLength(3);
	});

	it('an identical page stops with a clear error', async () => {
		const result = await fixture.run(
			parameters({
				connection: 'conn_acme',
				path: '/v2/items/identical',
				pagination: { mode: 'offset', maxPages: 0 },
			}),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('page 2 is identical to page 1');
		expect(fixture.sim.log).toHaveLength(2);
	});

	it('an unsafe next link is not followed', async () => {
		const result = await fixture.run(
			parameters({
				connection: 'conn_acme',
				path: '/v2/items/unsafe-next',
				pagination: { mode: 'nextUrl', nextUrlPath: 'links.next' },
			}),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('was not followed');
		expect(fixture.sim.log).toHaveLength(1);
	});

	it("with continueOnFail the loop becomes the item's error item", async () => {
		const result = await fixture.run(
			parameters({
				connection: 'conn_acme',
				path: '/v2/items/identical',
				pagination: { mode: 'cursor', cursorPath: 'meta.next_cursor' },
			}),
			[{}],
			{ onError: 'continueRegularOutput' },
		);
		const items = records(result);
		expect(result.status).toBe('success');
		expect(items).toHaveLength(1);
		expect(String(items[0].json.error)).toContain('identical');
		expect(fixture.passthroughCalls()).toEqual([
			'GET conn_acme/v2/items/identical',
			'GET conn_acme/v2/items/identical?cursor=YXQ6MTA',
		]);
	});
});

describe('items and failures', () => {
	it('two input items page two collections at once, each record paired to its own input', async () => {
		const result = await fixture.run(
			{
				connection: connectionById(
					'={{ $json.which === "hubspot" ? "conn_hubspot" : "conn_slack" }}',
				),
				method: 'GET',
				path: '={{ $json.which === "hubspot" ? "/crm/v3/objects/contacts" : "/conversations.list" }}',
				sendQuery: true,
				queryParameters: { parameters: [{ name: 'limit', value: '100' }] },
				options: { pagination: { settings: { mode: '={{ $json.which }}', maxPages: 0 } } },
			},
			[{ which: 'hubspot' }, { which: 'slack' }],
		);
		expect(result.status).toBe('success');
		const items = result.output('Passthrough') ?? [];
		const from = (index: number) =>
			items.filter((item) => (item.pairedItem as { item: number }).item === index);
		expect(ids(from(0))).toEqual(range(SIZES.hubspotContacts, (index) => hubspotContact(index).id));
		expect(ids(from(1))).toEqual(range(SIZES.slackChannels, (index) => slackChannel(index).id));
		// Both collections were read in one execution with the requests interleaved.
		const connections = fixture.sim.log.map((entry) => entry.connectionId);
		const firstSlack = connections.indexOf('conn_slack');
		expect(firstSlack).toBeGreaterThan(-1);
		expect(connections.lastIndexOf('conn_hubspot')).toBeGreaterThan(firstSlack);
	});

	it('Slack 429 mid-pagination is retried with no record missing or duplicated', async () => {
		// Pages 1 and 2 go through; the next two requests (page 3 and its first retry) get a 429.
		fixture.sim.faults.add({
			kind: 'status',
			status: 429,
			retryAfter: 0,
			after: 2,
			times: 2,
			connectionId: 'conn_slack',
			pathPrefix: 'conversations.list',
		});
		const result = await fixture.run(
			parameters({
				connection: 'conn_slack',
				path: '/conversations.list',
				query: { limit: 100 },
				pagination: { mode: 'slack', maxPages: 0 },
			}),
		);
		const items = records(result);
		expect(result.status).toBe('success');
		expect(ids(items)).toEqual(range(SIZES.slackChannels, (index) => slackChannel(index).id));
		expect(fixture.sim.log).toHaveLength(SIZES.slackChannels / 100 + 2);
	});

	it('a page that fails after retries fails the item with its page number', async () => {
		fixture.sim.faults.add({
			kind: 'status',
			status: 503,
			retryAfter: 0,
			connectionId: 'conn_salesforce',
			pathPrefix: 'services/data/v62.0/query/',
		});
		const result = await fixture.run(
			parameters({
				connection: 'conn_salesforce',
				path: '/services/data/v62.0/query',
				query: { q: 'SELECT Id FROM Account' },
				pagination: { mode: 'salesforce' },
			}),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/\(page 2\)/);
		expect(fixture.passthroughCalls()).toEqual([
			'GET conn_salesforce/services/data/v62.0/query?q=SELECT%20Id%20FROM%20Account',
			...Array(4).fill('GET conn_salesforce/services/data/v62.0/query/01gRO0000016PIAYA2-2000'),
		]);
	});
});
