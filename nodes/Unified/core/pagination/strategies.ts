import { PaginationError } from '../errors/paginationError';
import { getPath } from '../shared/jsonPath';
import { nextLink } from './linkHeader';
import type { PageChange, PageStrategy, PageView, ParameterLocation } from './pageStrategy';
import { upstreamLinkToTarget } from './upstreamLink';

function present(value: unknown): value is string | number {
	return (
		(typeof value === 'string' && value !== '') ||
		(typeof value === 'number' && Number.isFinite(value))
	);
}

function scalarAt(view: PageView, path: string, what: string): string | number | undefined {
	const value = getPath(view.body, path);
	if (value === undefined || value === null || value === '' || value === false) return undefined;
	if (!present(value)) {
		throw new PaginationError(
			`Page ${view.page} has a ${typeof value} at "${path}" where the ${what} was expected`,
			`Point the ${what} path at a string field.`,
		);
	}
	return value;
}

function followLink(link: string, view: PageView): PageChange {
	return { kind: 'url', key: link, ...upstreamLinkToTarget(link, view.request.path) };
}

/** The next cursor is a body field; it goes into one query or JSON body parameter. Empty or absent: last page. */
export function cursorStrategy(config: {
	cursorPath: string;
	parameter: string;
	in: ParameterLocation;
}): PageStrategy {
	return {
		next(view) {
			const cursor = scalarAt(view, config.cursorPath, 'cursor');
			if (cursor === undefined) return undefined;
			return {
				kind: 'params',
				key: String(cursor),
				params: [{ in: config.in, name: config.parameter, value: cursor }],
			};
		},
	};
}

/** The next page's URL or path is a body field; `doneField: true` also ends it (Salesforce's `done`). */
export function nextUrlStrategy(config: { nextUrlPath: string; doneField?: string }): PageStrategy {
	return {
		next(view) {
			if (config.doneField && getPath(view.body, config.doneField) === true) return undefined;
			const link = scalarAt(view, config.nextUrlPath, 'next URL');
			return link === undefined ? undefined : followLink(String(link), view);
		},
	};
}

export const linkHeaderStrategy: PageStrategy = {
	next(view) {
		const link = nextLink(view.headers.link);
		return link ? followLink(link, view) : undefined;
	},
};

/**
 * Offsets count the records received (an API that caps the page size below the one asked for still reads every
 * record); page numbers count pages. An empty page ends it, for the same reason: a short page is not proof of
 * the end.
 */
export function offsetStrategy(config: {
	type: 'offset' | 'page';
	parameter: string;
	limitParameter: string;
	pageSize: number;
	first: number;
	in: ParameterLocation;
}): PageStrategy {
	const change = (value: number): PageChange => {
		const params = [{ in: config.in, name: config.parameter, value }];
		if (config.limitParameter)
			params.push({ in: config.in, name: config.limitParameter, value: config.pageSize });
		return { kind: 'params', params };
	};
	return {
		first: () => change(config.first),
		next(view) {
			if (view.recordCount === 0) return undefined;
			return change(
				config.type === 'page' ? config.first + view.page : config.first + view.recordsSoFar,
			);
		},
	};
}
