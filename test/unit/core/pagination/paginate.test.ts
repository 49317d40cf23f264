import { describe, expect, it } from 'vitest';

import { paginate, type FetchedPage } from '../../../../nodes/Unified/core/pagination/paginate';
import { resolvePagination } from '../../../../nodes/Unified/core/pagination/paginationSettings';
import type { RequestSpec } from '../../../../nodes/Unified/core/request/requestSpec';

// Five pages of a cursor-paged collection, served by a fake fetch that records what it was asked.
function cursorPages() {
	const asked: string[] = [];
	const fetchPage = async (spec: RequestSpec): Promise<FetchedPage> => {
		const cursor = spec.query.find(([name]) => name === 'cursor')?.[1] ?? '0';
		asked.push(cursor);
		const page = Number(cursor);
		return {
			statusCode: 200,
			headers: {},
			kind: 'json',
			body: { data: [{ id: page }], next: page < 4 ? String(page + 1) : '' },
		};
	};
	return { asked, fetchPage };
}

const first: RequestSpec = { method: 'GET', path: 'items', query: [], headers: {} };
const settings = resolvePagination({
	mode: 'cursor',
	cursorPath: 'next',
	cursorParameter: 'cursor',
	recordsPath: 'data',
	maxPages: 0,
})!;

describe('paginate', () => {
	it('reads every page when the consumer says nothing', async () => {
		const { asked, fetchPage } = cursorPages();
		const seen: unknown[] = [];
		await paginate(first, settings, {
			fetchPage,
			onPage: (page) => void seen.push(...(page.records ?? [])),
		});
		expect(asked).toEqual(['0', '1', '2', '3', '4']);
		expect(seen).toEqual([0, 1, 2, 3, 4].map((id) => ({ id })));
	});

	it('stops after the page its consumer answers "stop" to: no further request', async () => {
		const { asked, fetchPage } = cursorPages();
		await paginate(first, settings, {
			fetchPage,
			onPage: (page) => (page.number === 2 ? 'stop' : 'next'),
		});
		expect(asked).toEqual(['0', '1']);
	});
});
