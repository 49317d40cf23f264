import type { HttpMethod } from '../request/requestSpec';
import { cursorStrategy, linkHeaderStrategy, nextUrlStrategy, offsetStrategy } from './strategies';
import type { PageStrategy, PaginationFields, ParameterLocation } from './pageStrategy';

/**
 * One pagination mode: everything the editor, the page loop and the docs know about it. The key is the value
 * saved in workflows (fixed); the order of the rows is the order of the editor's list, after Off.
 */
export interface PagingModeRow {
	/** The editor's option name. */
	label: string;
	/** The editor's option description. */
	description: string;
	/** Fields this mode cannot work without: the setting, and its label in the editor for the error. */
	requires?: ReadonlyArray<readonly [keyof PaginationFields, string]>;
	/** Where the records are when Records Path is empty; '' detects the body's list or its single list field. */
	recordsAt: string;
	/** The mode counts records to find the next page (offset mode), so it reads them even for Output "Pages". */
	countsRecords?: boolean;
	/** Where the next request's paging parameters go; undefined when it follows a link instead. */
	sendsIn(settings: PaginationFields, method: HttpMethod): ParameterLocation | undefined;
	strategy(settings: PaginationFields, method: HttpMethod): PageStrategy;
}

/** A preset that reads a cursor at one place in the body and sends it back as one parameter. */
function cursorPreset(
	cursorPath: string,
	parameter: string,
	location: (method: HttpMethod) => ParameterLocation,
): Pick<PagingModeRow, 'sendsIn' | 'strategy'> {
	return {
		sendsIn: (_settings, method) => location(method),
		strategy: (_settings, method) =>
			cursorStrategy({ cursorPath, parameter, in: location(method) }),
	};
}

const followsLinks = () => undefined;

const ROWS = {
	hubspot: {
		label: 'HubSpot',
		description: 'Sends paging.next.after as "after"; records in results',
		recordsAt: 'results',
		// HubSpot's search endpoints (POST .../search) take `after` in the JSON body, its list endpoints in the query.
		...cursorPreset('paging.next.after', 'after', (method) =>
			method === 'GET' ? 'query' : 'body',
		),
	},
	slack: {
		label: 'Slack',
		description: 'Sends response_metadata.next_cursor as "cursor"; records in the method\'s list',
		recordsAt: '',
		...cursorPreset('response_metadata.next_cursor', 'cursor', () => 'query'),
	},
	salesforce: {
		label: 'Salesforce',
		description: 'Follows nextRecordsUrl until done is true; records in records',
		recordsAt: 'records',
		sendsIn: followsLinks,
		strategy: () => nextUrlStrategy({ nextUrlPath: 'nextRecordsUrl', doneField: 'done' }),
	},
	linkHeader: {
		label: 'Link Header',
		description: 'Follows the Link header\'s rel="next" URL through the same connection',
		recordsAt: '',
		sendsIn: followsLinks,
		strategy: () => linkHeaderStrategy,
	},
	cursor: {
		label: 'Cursor in Body',
		description: 'A body field holds the next cursor, sent back as a parameter',
		requires: [
			['cursorPath', 'Cursor Path'],
			['cursorParameter', 'Cursor Parameter'],
		],
		recordsAt: '',
		sendsIn: (settings) => settings.parameterIn,
		strategy: (settings) =>
			cursorStrategy({
				cursorPath: settings.cursorPath,
				parameter: settings.cursorParameter,
				in: settings.parameterIn,
			}),
	},
	nextUrl: {
		label: 'Next URL in Body',
		description: "A body field holds the next page's URL or path",
		requires: [['nextUrlPath', 'Next URL Path']],
		recordsAt: '',
		sendsIn: followsLinks,
		strategy: (settings) => nextUrlStrategy({ nextUrlPath: settings.nextUrlPath }),
	},
	offset: {
		label: 'Offset or Page Number',
		description: 'Counts an offset or page number up until a page comes back empty',
		requires: [['offsetParameter', 'Offset Parameter']],
		recordsAt: '',
		countsRecords: true,
		sendsIn: (settings) => settings.parameterIn,
		strategy: (settings) =>
			offsetStrategy({
				type: settings.offsetType,
				parameter: settings.offsetParameter,
				limitParameter: settings.limitParameter,
				pageSize: settings.pageSize,
				first: settings.offsetType === 'page' ? settings.firstPage : settings.firstOffset,
				in: settings.parameterIn,
			}),
	},
} satisfies Record<string, PagingModeRow>;

/** A mode that reads pages: a key of the table. */
export type PagingMode = keyof typeof ROWS;

export const PAGING_MODES: Readonly<Record<PagingMode, PagingModeRow>> = ROWS;

export type PaginationMode = 'off' | PagingMode;

/** Every mode the node knows, Off first, then the table's order. */
export const PAGINATION_MODES: readonly PaginationMode[] = [
	'off',
	...(Object.keys(PAGING_MODES) as PagingMode[]),
];
