import { assertNoReservedDomain } from '../request/query';
import type { HttpMethod } from '../request/types';
import {
	DEFAULT_FIRST_OFFSET,
	DEFAULT_FIRST_PAGE,
	DEFAULT_MAX_PAGES,
	DEFAULT_PAGE_SIZE,
} from '../shared/defaults';
import { ParameterError } from '../shared/parameterError';
import { unsafeSegment } from '../shared/jsonPath';
import { cursorStrategy, linkHeaderStrategy, nextUrlStrategy, offsetStrategy } from './strategies';
import type { PageStrategy, PaginationMode, ParameterLocation } from './types';

const PARAMETER = 'options.pagination';
/** Every mode the node knows, Off first. */
export const PAGINATION_MODES: readonly PaginationMode[] = [
	'off',
	'hubspot',
	'slack',
	'salesforce',
	'linkHeader',
	'cursor',
	'nextUrl',
	'offset',
];

export interface PaginationSettings {
	mode: Exclude<PaginationMode, 'off'>;
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

function text(raw: Record<string, unknown>, name: string, fallback: string): string {
	const value = raw[name];
	return value === undefined || value === null ? fallback : String(value).trim();
}

function integer(
	raw: Record<string, unknown>,
	name: string,
	fallback: number,
	min: number,
): number {
	const value = raw[name] === undefined || raw[name] === '' ? fallback : Number(raw[name]);
	if (!Number.isInteger(value) || value < min) {
		throw new ParameterError(
			PARAMETER,
			`Pagination "${name}" must be a whole number of at least ${min}`,
		);
	}
	return value;
}

function required(value: string, label: string, mode: string): string {
	if (!value) throw new ParameterError(PARAMETER, `Pagination mode "${mode}" needs "${label}"`);
	return value;
}

/** Body parameters are written as dotted paths into the JSON body: a prototype key there would be dropped. */
function assertSafeBodyNames(settings: PaginationSettings): void {
	for (const name of ['cursorParameter', 'offsetParameter', 'limitParameter'] as const) {
		const segment = unsafeSegment(settings[name]);
		if (segment !== undefined) {
			throw new ParameterError(
				PARAMETER,
				`Pagination "${name}" ("${settings[name]}") has the part "${segment}", which cannot be written into a JSON body`,
			);
		}
	}
}

/** The pagination settings of one item, or undefined when pagination is off. */
export function resolvePagination(
	raw: Record<string, unknown> | undefined,
): PaginationSettings | undefined {
	if (!raw) return undefined;
	const mode = text(raw, 'mode', 'off') as PaginationMode;
	if (!PAGINATION_MODES.includes(mode))
		throw new ParameterError(PARAMETER, `Unknown pagination mode "${mode}"`);
	if (mode === 'off') return undefined;
	const output = text(raw, 'output', 'records');
	if (output !== 'records' && output !== 'pages') {
		throw new ParameterError(
			PARAMETER,
			`Pagination output must be "records" or "pages", not "${output}"`,
		);
	}
	const parameterIn = text(raw, 'parameterIn', 'query');
	if (parameterIn !== 'query' && parameterIn !== 'body') {
		throw new ParameterError(
			PARAMETER,
			`Pagination "parameterIn" must be "query" or "body", not "${parameterIn}"`,
		);
	}
	const settings: PaginationSettings = {
		mode,
		maxPages: integer(raw, 'maxPages', DEFAULT_MAX_PAGES, 0),
		output,
		recordsPath: text(raw, 'recordsPath', ''),
		cursorPath: text(raw, 'cursorPath', ''),
		cursorParameter: text(raw, 'cursorParameter', 'cursor'),
		parameterIn,
		nextUrlPath: text(raw, 'nextUrlPath', ''),
		offsetType: text(raw, 'offsetType', 'offset') === 'page' ? 'page' : 'offset',
		offsetParameter: text(raw, 'offsetParameter', 'offset'),
		limitParameter: text(raw, 'limitParameter', 'limit'),
		pageSize: integer(raw, 'pageSize', DEFAULT_PAGE_SIZE, 1),
		firstOffset: integer(raw, 'firstOffset', DEFAULT_FIRST_OFFSET, 0),
		firstPage: integer(raw, 'firstPage', DEFAULT_FIRST_PAGE, 0),
	};
	if (mode === 'cursor') {
		required(settings.cursorPath, 'Cursor Path', mode);
		required(settings.cursorParameter, 'Cursor Parameter', mode);
	}
	if (mode === 'nextUrl') required(settings.nextUrlPath, 'Next URL Path', mode);
	if (mode === 'offset') required(settings.offsetParameter, 'Offset Parameter', mode);
	assertNoReservedDomain(
		[settings.cursorParameter, settings.offsetParameter, settings.limitParameter].map((name) => [
			name,
			'',
		]),
		PARAMETER,
	);
	if (parameterIn === 'body') assertSafeBodyNames(settings);
	return settings;
}

/** The records path a mode uses when the user gave none ('' means: detect). */
export function defaultRecordsPath(settings: PaginationSettings): string {
	if (settings.recordsPath) return settings.recordsPath;
	if (settings.mode === 'hubspot') return 'results';
	if (settings.mode === 'salesforce') return 'records';
	return '';
}

/** Presets are configurations of the generic strategies. */
export function strategyFor(settings: PaginationSettings, method: HttpMethod): PageStrategy {
	switch (settings.mode) {
		case 'hubspot':
			// HubSpot's search endpoints (POST .../search) take `after` in the JSON body, its list endpoints in the query.
			return cursorStrategy({
				cursorPath: 'paging.next.after',
				parameter: 'after',
				in: method === 'GET' ? 'query' : 'body',
			});
		case 'slack':
			return cursorStrategy({
				cursorPath: 'response_metadata.next_cursor',
				parameter: 'cursor',
				in: 'query',
			});
		case 'salesforce':
			return nextUrlStrategy({ nextUrlPath: 'nextRecordsUrl', doneField: 'done' });
		case 'linkHeader':
			return linkHeaderStrategy;
		case 'cursor':
			return cursorStrategy({
				cursorPath: settings.cursorPath,
				parameter: settings.cursorParameter,
				in: settings.parameterIn,
			});
		case 'nextUrl':
			return nextUrlStrategy({ nextUrlPath: settings.nextUrlPath });
		case 'offset':
			return offsetStrategy({
				type: settings.offsetType,
				parameter: settings.offsetParameter,
				limitParameter: settings.limitParameter,
				pageSize: settings.pageSize,
				first: settings.offsetType === 'page' ? settings.firstPage : settings.firstOffset,
				in: settings.parameterIn,
			});
	}
}
