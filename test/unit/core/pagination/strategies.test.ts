import { describe, expect, it } from 'vitest';

import {
	resolvePagination,
	strategyFor,
} from '../../../../nodes/Unified/core/pagination/paginationSettings';
import type { PageView } from '../../../../nodes/Unified/core/pagination/pageStrategy';
import type { RequestSpec } from '../../../../nodes/Unified/core/request/requestSpec';

const get = (path: string, query: Array<[string, string]> = []): RequestSpec => ({
	method: 'GET',
	path,
	query,
	headers: {},
});

function view(body: unknown, extra: Partial<PageView> = {}): PageView {
	return {
		page: 1,
		request: get('x'),
		headers: {},
		body,
		recordCount: 0,
		recordsSoFar: 0,
		...extra,
	};
}

function strategy(settings: Record<string, unknown>, method: RequestSpec['method'] = 'GET') {
	return strategyFor(resolvePagination(settings)!, method);
}

describe('strategies: next request from the previous page', () => {
	it('hubspot: paging.next.after into the query for GET, into the body for POST search; absent paging is the end', () => {
		const body = {
			results: [],
			paging: { next: { after: '200', link: 'https://api.hubapi.com/x?after=200' } },
		};
		expect(strategy({ mode: 'hubspot' }).next(view(body))).toEqual({
			kind: 'params',
			key: '200',
			params: [{ in: 'query', name: 'after', value: '200' }],
		});
		expect(strategy({ mode: 'hubspot' }, 'POST').next(view(body))).toMatchObject({
			params: [{ in: 'body', name: 'after' }],
		});
		expect(strategy({ mode: 'hubspot' }).next(view({ results: [] }))).toBeUndefined();
	});

	it('slack: response_metadata.next_cursor as cursor; an empty string is the end', () => {
		const slack = strategy({ mode: 'slack' });
		expect(
			slack.next(
				view({ ok: true, channels: [], response_metadata: { next_cursor: 'dGVhbTpDMDYx=' } }),
			),
		).toMatchObject({
			key: 'dGVhbTpDMDYx=',
			params: [{ in: 'query', name: 'cursor', value: 'dGVhbTpDMDYx=' }],
		});
		expect(
			slack.next(view({ ok: true, channels: [], response_metadata: { next_cursor: '' } })),
		).toBeUndefined();
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
		const link =
			'<https://api.acme.example/v2/items?page=3&per_page=50>; rel="next", <https://api.acme.example/v2/items?page=1>; rel="first"';
		expect(strategy({ mode: 'linkHeader' }).next(view([], { headers: { link } }))).toMatchObject({
			kind: 'url',
			path: 'v2/items',
			query: [
				['page', '3'],
				['per_page', '50'],
			],
		});
		expect(strategy({ mode: 'linkHeader' }).next(view([], { headers: {} }))).toBeUndefined();
	});

	it('cursor: a dotted path, a named parameter; a non-string cursor is an error', () => {
		const cursor = strategy({
			mode: 'cursor',
			cursorPath: 'meta.next',
			cursorParameter: 'page_token',
			parameterIn: 'body',
		});
		expect(cursor.next(view({ meta: { next: 42 } }))).toMatchObject({
			key: '42',
			params: [{ in: 'body', name: 'page_token', value: 42 }],
		});
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
		expect(offset.next(view([], { page: 2, recordCount: 30, recordsSoFar: 80 }))).toMatchObject({
			params: [{ value: 90 }, { value: 50 }],
		});
		expect(offset.next(view([], { page: 3, recordCount: 0, recordsSoFar: 80 }))).toBeUndefined();
		const pages = strategy({
			mode: 'offset',
			offsetType: 'page',
			offsetParameter: 'page',
			limitParameter: '',
			firstPage: 1,
		});
		expect(pages.next(view([], { page: 1, recordCount: 25, recordsSoFar: 25 }))).toEqual({
			kind: 'params',
			params: [{ in: 'query', name: 'page', value: 2 }],
		});
	});
});
