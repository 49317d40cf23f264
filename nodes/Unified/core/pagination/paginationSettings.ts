import { assertNoReservedDomain } from '../request/query';
import type { HttpMethod } from '../request/requestSpec';
import {
	DEFAULT_FIRST_OFFSET,
	DEFAULT_FIRST_PAGE,
	DEFAULT_MAX_PAGES,
	DEFAULT_PAGE_SIZE,
} from '../shared/defaults';
import { ParameterError } from '../errors/parameterError';
import { unsafeSegment } from '../shared/jsonPath';
import { PAGINATION_MODES, PAGING_MODES, type PaginationMode, type PagingMode } from './presets';
import type { PageStrategy, PaginationFields } from './pageStrategy';

const PARAMETER = 'options.pagination';

export interface PaginationSettings extends PaginationFields {
	mode: PagingMode;
}

/** What every setting is when the user left it out. */
const DEFAULTS: PaginationFields = {
	maxPages: DEFAULT_MAX_PAGES,
	output: 'records',
	recordsPath: '',
	cursorPath: '',
	cursorParameter: 'cursor',
	parameterIn: 'query',
	nextUrlPath: '',
	offsetType: 'offset',
	offsetParameter: 'offset',
	limitParameter: 'limit',
	pageSize: DEFAULT_PAGE_SIZE,
	firstOffset: DEFAULT_FIRST_OFFSET,
	firstPage: DEFAULT_FIRST_PAGE,
};

/** Settings written in code (a trigger source's query), not read from user input: the defaults plus `changes`. */
export function pagingSettings(
	mode: PagingMode,
	changes: Partial<PaginationFields> = {},
): PaginationSettings {
	return { ...DEFAULTS, ...changes, mode };
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
	const output = text(raw, 'output', DEFAULTS.output);
	if (output !== 'records' && output !== 'pages') {
		throw new ParameterError(
			PARAMETER,
			`Pagination output must be "records" or "pages", not "${output}"`,
		);
	}
	const parameterIn = text(raw, 'parameterIn', DEFAULTS.parameterIn);
	if (parameterIn !== 'query' && parameterIn !== 'body') {
		throw new ParameterError(
			PARAMETER,
			`Pagination "parameterIn" must be "query" or "body", not "${parameterIn}"`,
		);
	}
	const settings: PaginationSettings = {
		mode,
		maxPages: integer(raw, 'maxPages', DEFAULTS.maxPages, 0),
		output,
		recordsPath: text(raw, 'recordsPath', DEFAULTS.recordsPath),
		cursorPath: text(raw, 'cursorPath', DEFAULTS.cursorPath),
		cursorParameter: text(raw, 'cursorParameter', DEFAULTS.cursorParameter),
		parameterIn,
		nextUrlPath: text(raw, 'nextUrlPath', DEFAULTS.nextUrlPath),
		offsetType: text(raw, 'offsetType', DEFAULTS.offsetType) === 'page' ? 'page' : 'offset',
		offsetParameter: text(raw, 'offsetParameter', DEFAULTS.offsetParameter),
		limitParameter: text(raw, 'limitParameter', DEFAULTS.limitParameter),
		pageSize: integer(raw, 'pageSize', DEFAULTS.pageSize, 1),
		firstOffset: integer(raw, 'firstOffset', DEFAULTS.firstOffset, 0),
		firstPage: integer(raw, 'firstPage', DEFAULTS.firstPage, 0),
	};
	for (const [name, label] of PAGING_MODES[mode].requires ?? [])
		required(String(settings[name]), label, mode);
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

export function strategyFor(settings: PaginationSettings, method: HttpMethod): PageStrategy {
	return PAGING_MODES[settings.mode].strategy(settings, method);
}
