import { describe, expect, it } from 'vitest';

import { applyChange, readJsonBody } from '../../../../nodes/Unified/core/pagination/applyChange';
import { fixed } from '../../../../nodes/Unified/core/request/body';
import type { RequestSpec } from '../../../../nodes/Unified/core/request/requestSpec';

const get = (path: string, query: Array<[string, string]> = []): RequestSpec => ({
	method: 'GET',
	path,
	query,
	headers: {},
});

describe('applying a change to the request', () => {
	it('replaces a query parameter and keeps the Domain option across a followed URL', () => {
		const spec = get('v2/items', [
			['limit', '10'],
			['cursor', 'a'],
			['__domain', 'eu.acme.example'],
		]);
		const next = applyChange(
			{ spec, json: {} },
			{ kind: 'params', params: [{ in: 'query', name: 'cursor', value: 'b' }] },
		);
		expect(next.spec.query).toEqual([
			['limit', '10'],
			['__domain', 'eu.acme.example'],
			['cursor', 'b'],
		]);
		const followed = applyChange(
			{ spec, json: {} },
			{ kind: 'url', key: 'k', path: 'v2/items', query: [['page', '2']] },
		);
		expect(followed.spec.query).toEqual([
			['page', '2'],
			['__domain', 'eu.acme.example'],
		]);
	});

	it('sets a dotted JSON body field without touching the first body', async () => {
		const spec: RequestSpec = {
			method: 'POST',
			path: 's',
			query: [],
			headers: {},
			body: fixed('{"limit":5,"filter":{"a":1}}', 'application/json'),
		};
		const json = await readJsonBody(spec);
		const next = applyChange(
			{ spec, json },
			{ kind: 'params', params: [{ in: 'body', name: 'paging.after', value: '7' }] },
		);
		expect(JSON.parse(String(await next.spec.body!.open()))).toEqual({
			limit: 5,
			filter: { a: 1 },
			paging: { after: '7' },
		});
		expect(json).toEqual({ limit: 5, filter: { a: 1 } });
		await expect(
			readJsonBody({ ...spec, body: fixed('a=1', 'application/x-www-form-urlencoded') }),
		).rejects.toThrow(/JSON object body/);
	});
});
