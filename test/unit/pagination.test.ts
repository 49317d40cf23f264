import { describe, expect, it } from 'vitest';

import { applyChange, readJsonBody } from '../../nodes/UnifiedPassthrough/pagination/applyChange';
import { PaginationError } from '../../nodes/UnifiedPassthrough/pagination/error';
import { getPath, withPath } from '../../nodes/UnifiedPassthrough/shared/jsonPath';
import { nextLink } from '../../nodes/UnifiedPassthrough/pagination/linkHeader';
import { LoopGuard, pageFingerprint } from '../../nodes/UnifiedPassthrough/pagination/loopGuard';
import { extractRecords } from '../../nodes/UnifiedPassthrough/pagination/records';
import { resolvePagination, strategyFor } from '../../nodes/UnifiedPassthrough/pagination/settings';
import type { PageView } from '../../nodes/UnifiedPassthrough/pagination/types';
import { upstreamLinkToTarget } from '../../nodes/UnifiedPassthrough/pagination/upstreamLink';
import { fixed } from '../../nodes/UnifiedPassthrough/request/body';
import type { RequestSpec } from '../../nodes/UnifiedPassthrough/request/types';
import { ParameterError } from '../../nodes/UnifiedPassthrough/shared/parameterError';

const get = (path: string, query: Array<[string, string]> = []): RequestSpec => ({ method: 'GET', path, query, headers: {} });

function view(body: unknown, extra: Partial<PageView> = {}): PageView {
	return { page: 1, request: get('x'), headers: {}, body, recordCount: 0, recordsSoFar: 0, ...extra };
}

function strategy(settings: Record<string, unknown>, method: RequestSpec['method'] = 'GET') {
	return strategyFor(resolvePagination(settings)!, method);
}

describe('strategies: next request from the previous page', () => {
	it('hubspot: paging.next.after into the query for GET, into the body for POST search; absent paging is the end', () => {
		const body = { results: [], paging: { next: { after: '200', link: 'https://api.hubapi.com/x?after=200' } } };
		expect(strategy({ mode: 'hubspot' }).next(view(body))).toEqual({
			kind: 'params',
			key: '200',
			params: [{ in: 'query', name: 'after', value: '200' }],
		});
		expect(strategy({ mode: 'hubspot' }, 'POST').next(view(body))).toMatchObject({ params: [{ in: 'body', name: 'after' }] });
		expect(strategy({ mode: 'hubspot' }).next(view({ results: [] }))).toBeUndefined();
	});

	it('slack: response_metadata.next_cursor as cursor; an empty string is the end', () => {
		const slack = strategy({ mode: 'slack' });
		expect(slack.next(view({ ok: true, channels: [], response_metadata: { next_cursor: 'dGVhbTpDMDYx=' } }))).toMatchObject({
			key: 'dGVhbTpDMDYx=',
			params: [{ in: 'query', name: 'cursor', value: 'dGVhbTpDMDYx=' }],
		});
		expect(slack.next(view({ ok: true, channels: [], response_metadata: { next_cursor: '' } }))).toBeUndefined();
		expect(slack.next(view({ ok: true, channels: [] }))).toBeUndefined();
	});

	it('salesforce: follows nextRecordsUrl as a path, stops on done: true even with a URL', () => {
		const salesforce = strategy({ mode: 'salesforce' });
		const url = '/services/data/v62.0/query/01gRO0000016PIAYA2-2000';
		expect(salesforce.next(view({ done: false, nextRecordsUrl: url, records: [] }))).toEqual({
			kind: 'url',
			key: url,
			path: 'services/data/v62.0/query/01gRO0000016PIAYA2-2000',
			query: [],
		});
		expect(salesforce.next(view({ done: true, nextRecordsUrl: url, records: [] }))).toBeUndefined();
	});

	it('link header: rel="next" turned into a path and query on the same connection', () => {
		const link = '<https://api.acme.example/v2/items?page=3&per_page=50>; rel="next", <https://api.acme.example/v2/items?page=1>; rel="first"';
		expect(strategy({ mode: 'linkHeader' }).next(view([], { headers: { link } }))).toMatchObject({
			kind: 'url',
			path: 'v2/items',
			query: [['page', '3'], ['per_page', '50']],
		});
		expect(strategy({ mode: 'linkHeader' }).next(view([], { headers: {} }))).toBeUndefined();
	});

	it('cursor: a dotted path, a named parameter; a non-string cursor is an error', () => {
		const cursor = strategy({ mode: 'cursor', cursorPath: 'meta.next', cursorParameter: 'page_token', parameterIn: 'body' });
		expect(cursor.next(view({ meta: { next: 42 } }))).toMatchObject({ key: '42', params: [{ in: 'body', name: 'page_token', value: 42 }] });
		expect(cursor.next(view({ meta: { next: null } }))).toBeUndefined();
		expect(() => cursor.next(view({ meta: { next: { id: 1 } } }))).toThrow(/object at "meta.next"/);
	});

	it('offset: counts records received; page numbers count pages; an empty page is the end', () => {
		const offset = strategy({ mode: 'offset', pageSize: 50, firstOffset: 10 });
		expect(offset.first!(get('x'))).toEqual({
			kind: 'params',
			params: [
				{ in: 'query', name: 'offset', value: 10 },
				{ in: 'query', name: 'limit', value: 50 },
			],
		});
		expect(offset.next(view([], { page: 2, recordCount: 30, recordsSoFar: 80 }))).toMatchObject({ params: [{ value: 90 }, { value: 50 }] });
		expect(offset.next(view([], { page: 3, recordCount: 0, recordsSoFar: 80 }))).toBeUndefined();
		const pages = strategy({ mode: 'offset', offsetType: 'page', offsetParameter: 'page', limitParameter: '', firstPage: 1 });
		expect(pages.next(view([], { page: 1, recordCount: 25, recordsSoFar: 25 }))).toEqual({
			kind: 'params',
			params: [{ in: 'query', name: 'page', value: 2 }],
		});
	});
});

describe('settings', () => {
	it('off or absent is no pagination; generic modes need their fields; __domain cannot be a paging parameter', () => {
		expect(resolvePagination(undefined)).toBeUndefined();
		expect(resolvePagination({ mode: 'off' })).toBeUndefined();
		expect(resolvePagination({ mode: 'hubspot' })).toMatchObject({ maxPages: 100, output: 'records' });
		expect(() => resolvePagination({ mode: 'cursor' })).toThrow(/Cursor Path/);
		expect(() => resolvePagination({ mode: 'nextUrl' })).toThrow(/Next URL Path/);
		expect(() => resolvePagination({ mode: 'hubspot', maxPages: -1 })).toThrow(ParameterError);
		expect(() => resolvePagination({ mode: 'cursor', cursorPath: 'n', cursorParameter: '__domain' })).toThrow(/reserved/);
	});
});

describe('Link header parsing', () => {
	it('finds rel=next among several links, headers, unquoted and multi-valued rels', () => {
		expect(nextLink('<https://a/1>; rel="prev", <https://a/3>; rel="next"')).toBe('https://a/3');
		expect(nextLink(['<https://a/1>; rel=first', '<https://a/2>; title="x, y"; rel=next'])).toBe('https://a/2');
		expect(nextLink('</items?page=2>; rel="next last"')).toBe('/items?page=2');
		expect(nextLink('<https://a/1>; rel="prev"')).toBeUndefined();
		expect(nextLink(undefined)).toBeUndefined();
	});
});

describe('upstream links become passthrough paths, safely', () => {
	it('drops the host of an absolute link and keeps path and query', () => {
		expect(upstreamLinkToTarget('https://api.hubapi.com/crm/v3/objects/contacts?limit=100&after=200')).toEqual({
			path: 'crm/v3/objects/contacts',
			query: [['limit', '100'], ['after', '200']],
		});
		expect(upstreamLinkToTarget('//evil.example/v2/items?page=2')).toEqual({ path: 'v2/items', query: [['page', '2']] });
	});

	it('drops the API root\'s own path prefix, found from the current request path', () => {
		expect(upstreamLinkToTarget('https://slack.com/api/conversations.list?cursor=abc', 'conversations.list')).toEqual({
			path: 'conversations.list',
			query: [['cursor', 'abc']],
		});
		expect(upstreamLinkToTarget('https://x.zendesk.com/api/v2/tickets.json?page=2', 'tickets.json')).toEqual({
			path: 'tickets.json',
			query: [['page', '2']],
		});
		expect(upstreamLinkToTarget('/services/data/v62.0/query/01g-2000', 'services/data/v62.0/query')).toEqual({
			path: 'services/data/v62.0/query/01g-2000',
			query: [],
		});
		expect(() => upstreamLinkToTarget('/a/../admin/items', 'admin')).toThrow(PaginationError);
	});

	it.each([
		['/v2/../../admin', /\.\./],
		['/v2/%2e%2e/admin', /\.\./],
		['/v2/items\\x', /backslash/],
		['/v2/items?__domain=attacker.example', /reserved/],
		['https://api.acme.example/v2/items?__domain=attacker.example', /reserved/],
		['javascript:alert(1)', /not an http/],
		['/%68ttps://evil.example/x', /absolute URL/],
	])('rejects %s', (link, reason) => {
		expect(() => upstreamLinkToTarget(link)).toThrow(PaginationError);
		expect(() => upstreamLinkToTarget(link)).toThrow(reason);
	});
});

describe('applying a change to the request', () => {
	it('replaces a query parameter and keeps the Domain option across a followed URL', () => {
		const spec = get('v2/items', [['limit', '10'], ['cursor', 'a'], ['__domain', 'eu.acme.example']]);
		const next = applyChange({ spec, json: {} }, { kind: 'params', params: [{ in: 'query', name: 'cursor', value: 'b' }] });
		expect(next.spec.query).toEqual([['limit', '10'], ['__domain', 'eu.acme.example'], ['cursor', 'b']]);
		const followed = applyChange({ spec, json: {} }, { kind: 'url', key: 'k', path: 'v2/items', query: [['page', '2']] });
		expect(followed.spec.query).toEqual([['page', '2'], ['__domain', 'eu.acme.example']]);
	});

	it('sets a dotted JSON body field without touching the first body', async () => {
		const spec: RequestSpec = { method: 'POST', path: 's', query: [], headers: {}, body: fixed('{"limit":5,"filter":{"a":1}}', 'application/json') };
		const json = await readJsonBody(spec);
		const next = applyChange({ spec, json }, { kind: 'params', params: [{ in: 'body', name: 'paging.after', value: '7' }] });
		expect(JSON.parse(String(await next.spec.body!.open()))).toEqual({ limit: 5, filter: { a: 1 }, paging: { after: '7' } });
		expect(json).toEqual({ limit: 5, filter: { a: 1 } });
		await expect(readJsonBody({ ...spec, body: fixed('a=1', 'application/x-www-form-urlencoded') })).rejects.toThrow(/JSON object body/);
	});
});

describe('records extraction', () => {
	it('uses the records path, else the body list, else the single list field', () => {
		expect(extractRecords({ data: { items: [1, 2] } }, 'data.items', 1)).toEqual([1, 2]);
		expect(extractRecords([3], '', 1)).toEqual([3]);
		expect(extractRecords({ ok: true, members: [4], response_metadata: { messages: [] } }, '', 1)).toEqual([4]);
	});

	it('fails naming Records Path when nothing or several lists match', () => {
		expect(() => extractRecords({ results: [] }, 'contacts', 2)).toThrow(/Page 2 has no list of records at "contacts".*results/);
		expect(() => extractRecords({ ok: true }, '', 1)).toThrow(/no list of records/);
		expect(() => extractRecords({ a: [], b: [] }, '', 1)).toThrow(/several lists \(a, b\)/);
	});

	it('paths read own fields only', () => {
		expect(getPath({ a: [{ b: 1 }] }, 'a[0].b')).toBe(1);
		expect(getPath({}, 'constructor')).toBeUndefined();
		expect(withPath({}, '__proto__.x', 1)).toEqual({});
	});
});

describe('loop guards', () => {
	it('fails on a key handed out twice, naming both pages', () => {
		const guard = new LoopGuard();
		guard.checkKey(1, 'a');
		guard.checkKey(2, 'b');
		guard.checkKey(3, undefined);
		expect(() => guard.checkKey(3, 'a')).toThrow(/page 3 returned the same next cursor or URL as page 1/);
	});

	it('fails on a page identical to the previous one, not on one seen earlier', () => {
		const guard = new LoopGuard();
		guard.checkPage(1, pageFingerprint({ items: [1] }));
		guard.checkPage(2, pageFingerprint({ items: [2] }));
		guard.checkPage(3, pageFingerprint({ items: [1] }));
		expect(() => guard.checkPage(4, pageFingerprint({ items: [1] }))).toThrow(/page 4 is identical to page 3/);
	});
});
