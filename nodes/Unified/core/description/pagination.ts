/* eslint-disable n8n-nodes-base/node-param-fixed-collection-type-unsorted-items */
// The settings are in the order a user fills them in, not alphabetical (the rule above sorts them): Mode first,
// then the fields of the chosen mode, then what applies to every mode; a field shows only when its mode uses it.
// The modes: Off first, then the rows of core/pagination/presets.ts in their order.
import type { INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_FIRST_OFFSET,
	DEFAULT_FIRST_PAGE,
	DEFAULT_MAX_PAGES,
	DEFAULT_PAGE_SIZE,
} from '../shared/defaults';
import { PAGING_MODES } from '../pagination/presets';

const show = (...mode: string[]) => ({ show: { mode } });
/** Every mode but Off. */
const READING_MODES = Object.keys(PAGING_MODES);
/** The modes that need no field of their own. */
const PRESET_LABELS = Object.values(PAGING_MODES)
	.filter((mode) => !mode.requires)
	.map((mode) => mode.label);

export const paginationOption: INodeProperties = {
	displayName: 'Pagination',
	name: 'pagination',
	type: 'fixedCollection',
	// Shows Mode at once when the option is added, instead of an empty "Choose..." list.
	default: { settings: { mode: 'off' } },
	description: `Reads every page of a collection, one page after another per item. The presets (${PRESET_LABELS.join(', ')}) need no other field.`,
	options: [
		{
			name: 'settings',
			displayName: 'Settings',
			values: [
				{
					displayName: 'Mode',
					name: 'mode',
					type: 'options',
					options: [
						{ name: 'Off', value: 'off' },
						...Object.entries(PAGING_MODES).map(([value, mode]) => ({
							name: mode.label,
							value,
							description: mode.description,
						})),
					],
					default: 'off',
				},
				{
					displayName: 'Cursor Path',
					name: 'cursorPath',
					type: 'string',
					default: '',
					placeholder: 'meta.next_cursor',
					displayOptions: show('cursor'),
					description:
						'Where the next cursor is in the response body (dotted path). Empty or missing means the last page.',
				},
				{
					displayName: 'Cursor Parameter',
					name: 'cursorParameter',
					type: 'string',
					default: 'cursor',
					displayOptions: show('cursor'),
					description:
						'The query parameter (or dotted JSON body field) that carries the cursor in the next request',
				},
				{
					displayName: 'Next URL Path',
					name: 'nextUrlPath',
					type: 'string',
					default: '',
					placeholder: 'links.next',
					displayOptions: show('nextUrl'),
					description:
						"Where the next page's URL or path is in the response body (dotted path). An absolute URL is followed through the same connection, never called directly.",
				},
				{
					displayName: 'Offset Type',
					name: 'offsetType',
					type: 'options',
					options: [
						{ name: 'Offset (Records Skipped)', value: 'offset' },
						{ name: 'Page Number', value: 'page' },
					],
					default: 'offset',
					displayOptions: show('offset'),
				},
				{
					displayName: 'Offset Parameter',
					name: 'offsetParameter',
					type: 'string',
					default: 'offset',
					displayOptions: show('offset'),
					description:
						'The parameter that carries the offset or page number, e.g. offset, start or page',
				},
				{
					displayName: 'First Offset',
					name: 'firstOffset',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: DEFAULT_FIRST_OFFSET,
					displayOptions: { show: { mode: ['offset'], offsetType: ['offset'] } },
					description: 'The offset of the first page',
				},
				{
					displayName: 'First Page',
					name: 'firstPage',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: DEFAULT_FIRST_PAGE,
					displayOptions: { show: { mode: ['offset'], offsetType: ['page'] } },
					description: 'The number of the first page (usually 1, sometimes 0)',
				},
				{
					displayName: 'Page Size',
					name: 'pageSize',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: DEFAULT_PAGE_SIZE,
					displayOptions: show('offset'),
				},
				{
					displayName: 'Limit Parameter',
					name: 'limitParameter',
					type: 'string',
					default: 'limit',
					displayOptions: show('offset'),
					description:
						'The parameter that carries the page size, e.g. limit or per_page. Empty: the page size is not sent.',
				},
				{
					displayName: 'Send Parameters In',
					name: 'parameterIn',
					type: 'options',
					options: [
						{ name: 'Query', value: 'query' },
						{ name: 'JSON Body', value: 'body' },
					],
					default: 'query',
					displayOptions: show('cursor', 'offset'),
					description: 'Where the paging parameters go in the next request',
				},
				{
					displayName: 'Output',
					name: 'output',
					type: 'options',
					options: [
						{
							name: 'Records',
							value: 'records',
							description: 'One item per record, across all pages',
						},
						{ name: 'Pages', value: 'pages', description: 'One item per page body' },
					],
					default: 'records',
					displayOptions: show(...READING_MODES),
				},
				{
					displayName: 'Records Path',
					name: 'recordsPath',
					type: 'string',
					default: '',
					placeholder: 'data.items',
					displayOptions: show(...READING_MODES),
					description:
						"Where the records are in each page (dotted path), e.g. results. Empty: the preset's field, else the body when it is a list, else its single list field. Offset mode also counts them to find the last page.",
				},
				{
					displayName: 'Max Pages',
					name: 'maxPages',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: DEFAULT_MAX_PAGES,
					displayOptions: show(...READING_MODES),
					description: 'The most pages read per item; 0 means no limit',
				},
			],
		},
	],
};
