import { paginate, type FetchedPage, type PageDecision } from '../../core/pagination/paginate';
import { extractRecords } from '../../core/pagination/extractRecords';
import type { RequestSpec } from '../../core/request/requestSpec';
import type { SourceQuery } from '../sources/pollSource';

export type FetchPage = (spec: RequestSpec) => Promise<FetchedPage>;

/** Reads a query page by page (or its one response), handing each page's records on; `stop` ends it there. */
export async function readPages(
	query: SourceQuery,
	fetchPage: FetchPage,
	onRecords: (records: unknown[], page: number) => PageDecision | void,
): Promise<void> {
	if (query.pagination) {
		await paginate(query.spec, query.pagination, {
			fetchPage,
			onPage: (page) => onRecords(page.records ?? [], page.number),
		});
		return;
	}
	const response = await fetchPage(query.spec);
	onRecords(extractRecords(response.body, query.recordsPath ?? '', 1), 1);
}
