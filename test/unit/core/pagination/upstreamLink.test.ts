import { describe, expect, it } from 'vitest';

import { PaginationError } from '../../../../nodes/Unified/core/errors/paginationError';
import { upstreamLinkToTarget } from '../../../../nodes/Unified/core/pagination/upstreamLink';

describe('upstream links become passthrough paths, safely', () => {
	it('drops the host of an absolute link and keeps path and query', () => {
		expect(
			upstreamLinkToTarget('https://api.hubapi.com/crm/v3/objects/contacts?limit=100&after=200'),
		).toEqual({
			path: 'crm/v3/objects/contacts',
			query: [
				['limit', '100'],
				['after', '200'],
			],
		});
		expect(upstreamLinkToTarget('//evil.example/v2/items?page=2')).toEqual({
			path: 'v2/items',
			query: [['page', '2']],
		});
	});

	it("drops the API root's own path prefix, found from the current request path", () => {
		expect(
			upstreamLinkToTarget(
				'https://slack.com/api/conversations.list?cursor=abc',
				'conversations.list',
			),
		).toEqual({
			path: 'conversations.list',
			query: [['cursor', 'abc']],
		});
		expect(
			upstreamLinkToTarget('https://x.zendesk.com/api/v2/tickets.json?page=2', 'tickets.json'),
		).toEqual({
			path: 'tickets.json',
			query: [['page', '2']],
		});
		expect(
			upstreamLinkToTarget('/services/data/v62.0/query/01g-2000', 'services/data/v62.0/query'),
		).toEqual({
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
