import type { RequestSpec } from '../request/requestSpec';

export type ParameterLocation = 'query' | 'body';

/** The settings of every mode (the mode itself is added in settings.ts, from the table in presets.ts). */
export interface PaginationFields {
	/** 0: no limit. */
	maxPages: number;
	output: 'records' | 'pages';
	/** Empty: the mode's default (HubSpot `results`, Salesforce `records`, else the single array). */
	recordsPath: string;
	cursorPath: string;
	cursorParameter: string;
	parameterIn: ParameterLocation;
	nextUrlPath: string;
	offsetType: 'offset' | 'page';
	offsetParameter: string;
	limitParameter: string;
	pageSize: number;
	firstOffset: number;
	firstPage: number;
}

/** What the previous page told a strategy. */
export interface PageView {
	/** 1-based number of the page just received. */
	page: number;
	request: RequestSpec;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
	/** Records on this page, and on all pages so far (this one included). */
	recordCount: number;
	recordsSoFar: number;
}

export interface ParameterChange {
	in: ParameterLocation;
	name: string;
	value: string | number;
}

/**
 * How the next request differs from the previous one. `key` identifies the position the upstream handed out
 * (a cursor, a next URL); the loop guard fails when the same key comes back twice.
 */
export type PageChange =
	| { kind: 'params'; key?: string; params: ParameterChange[] }
	| { kind: 'url'; key: string; path: string; query: Array<[string, string]> };

export interface PageStrategy {
	/** Parameters the first request needs (offset mode's page size and start); most strategies need none. */
	first?(request: RequestSpec): PageChange | undefined;
	/** The next request's change, or undefined when the previous page was the last. */
	next(view: PageView): PageChange | undefined;
}
