import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { bodyProperties } from '../../core/description/body';
import { connectionCategoryOption, connectionProperties } from '../../core/description/connection';
import { optionLabels } from '../../core/description/optionLabels';
import { optionsProperty } from '../../core/description/options';
import { paginationOption } from '../../core/description/pagination';
import { requestProperties } from '../../core/description/request';
import {
	DEFAULT_LOOKBACK_MS,
	DEFAULT_MAX_RECORDS_PER_POLL,
	DEFAULT_MAX_RECORDS_READ_PER_POLL,
} from '../../core/shared/defaults';

type Show = Record<string, Array<string | boolean>>;

/** The action node's property, shown only where `show` also holds (its own conditions kept). */
function shownWhen(property: INodeProperties, show: Show): INodeProperties {
	return {
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, ...show },
		},
	};
}

const custom = { source: ['custom'] };
const requestField = (name: string) => {
	const property = requestProperties.find((candidate) => candidate.name === name);
	if (!property) throw new Error(`The action node has no request property "${name}"`);
	return property;
};
const actionOption = (name: string) => {
	const option = (optionsProperty.options as INodeProperties[]).find(
		(candidate) => candidate.name === name,
	);
	if (!option) throw new Error(`The action node has no option "${name}"`);
	return option;
};

export const sourceOptions: INodePropertyOptions[] = [
	{
		name: 'Custom Endpoint',
		value: 'custom',
		description: 'Any list endpoint: give the path and where each record keeps its ID and time',
	},
	{
		name: 'HubSpot',
		value: 'hubspot',
		description: 'CRM objects changed since the last poll (CRM search)',
	},
	{
		name: 'Salesforce',
		value: 'salesforce',
		description: 'Records of a SOQL query changed since the last poll',
	},
	{ name: 'Slack', value: 'slack', description: 'New messages in a channel' },
];

const newOrUpdatedEvent: INodePropertyOptions = {
	name: 'New or Updated',
	value: 'newOrUpdated',
	description: 'A record is emitted when it appears and again each time it changes',
};
const newEvent: INodePropertyOptions = {
	name: 'New',
	value: 'new',
	description: 'Each record once, when it is created (decided by its creation time)',
};

/** The canvas subtitle, e.g. "HubSpot: New or Updated". */
export const triggerSubtitle =
	`={{ ${optionLabels(sourceOptions)}[$parameter["source"]] + ": " + ` +
	`($parameter["source"] === "slack" ? "New" : ${optionLabels([newOrUpdatedEvent, newEvent])}[$parameter["event"]]) }}`;

export const triggerProperties: INodeProperties[] = [
	...connectionProperties,
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		options: sourceOptions,
		default: 'hubspot',
	},
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [newOrUpdatedEvent, newEvent],
		default: 'newOrUpdated',
		displayOptions: { hide: { source: ['slack'] } },
	},
	{
		// Slack's history is read by `ts`, which an edit keeps: an edited message is never seen again.
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'New',
				value: 'new',
				description:
					'Each message once, when it is posted (edits are not seen: they keep their time)',
			},
		],
		default: 'new',
		displayOptions: { show: { source: ['slack'] } },
	},
	{
		// A plain string before 0.2: saved workflows with one still run (sources/locator.ts).
		displayName: 'Object',
		name: 'hubspotObject',
		type: 'resourceLocator',
		default: { mode: 'list', value: 'contacts' },
		description: 'Contacts, companies, deals, tickets, or a custom object type ID (e.g. 2-1234567)',
		displayOptions: { show: { source: ['hubspot'] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select an object...',
				typeOptions: { searchListMethod: 'searchHubspotObjects', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. contacts or 2-1234567',
			},
		],
	},
	{
		// A comma-separated string before 0.2: saved workflows with one still run (sources/locator.ts).
		displayName: 'Property Names or IDs',
		name: 'hubspotProperties',
		type: 'multiOptions',
		typeOptions: {
			loadOptionsMethod: 'getHubspotProperties',
			loadOptionsDependsOn: ['hubspotObject.value'],
		},
		default: [],
		description:
			'Properties to return with each record; the last-modified (or create) date is always added. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { source: ['hubspot'] } },
	},
	{
		displayName: 'SOQL Query',
		name: 'soql',
		type: 'string',
		default: '',
		required: true,
		// Short enough for the field to show whole; the description says what else is allowed.
		placeholder: 'SELECT Id, Name FROM Account',
		description:
			'SELECT ... FROM ..., optionally with WHERE. The trigger adds the SystemModstamp condition and the order; leave out ORDER BY and LIMIT.',
		displayOptions: { show: { source: ['salesforce'] } },
	},
	{
		displayName: 'API Version',
		name: 'salesforceApiVersion',
		type: 'string',
		default: 'v62.0',
		displayOptions: { show: { source: ['salesforce'] } },
	},
	{
		// A plain string before 0.2: saved workflows with one still run (sources/locator.ts).
		displayName: 'Channel',
		name: 'slackChannel',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		displayOptions: { show: { source: ['slack'] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a channel...',
				typeOptions: { searchListMethod: 'searchSlackChannels', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. C0123456789',
			},
		],
	},
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		options: [
			{ name: 'GET', value: 'GET' },
			{ name: 'POST', value: 'POST' },
		],
		default: 'GET',
		description: 'GET for a list endpoint, POST for a search endpoint',
		displayOptions: { show: custom },
	},
	shownWhen(requestField('path'), custom),
	...requestProperties
		.filter((property) => property.name !== 'method' && property.name !== 'path')
		.map((property) => shownWhen(property, custom)),
	...bodyProperties.map((property) => shownWhen(property, { ...custom, method: ['POST'] })),
	// At the top level n8n's getNodeParameters reads a fixed collection's default through the (absent) saved value:
	// any default but {} throws ("reading 'settings'"), the editor ignores the Source choice and the workflow will
	// not open. Inside Options (the action node) the same default is safe and shows Mode at once.
	{ ...shownWhen(paginationOption, custom), default: {}, placeholder: 'Add Pagination' },
	{
		displayName: 'Records Path',
		name: 'recordsPath',
		type: 'string',
		default: '',
		placeholder: 'data.items',
		description:
			'Where the list of records is in each page; empty: the body when it is a list, or its one list field',
		displayOptions: { show: custom },
	},
	{
		displayName: 'ID Field',
		name: 'idField',
		type: 'string',
		default: 'id',
		description: 'The field that identifies a record (a dotted path for nested fields)',
		displayOptions: { show: custom },
	},
	{
		displayName: 'Updated Field',
		name: 'updatedField',
		type: 'string',
		default: 'updated_at',
		description: "The field with the record's last-modified time (ISO date, epoch seconds or ms)",
		displayOptions: { show: { ...custom, event: ['newOrUpdated'] } },
	},
	{
		displayName: 'Created Field',
		name: 'createdField',
		type: 'string',
		default: 'created_at',
		description: "The field with the record's creation time (ISO date, epoch seconds or ms)",
		displayOptions: { show: { ...custom, event: ['new'] } },
	},
	{
		displayName: 'Since Parameter',
		name: 'sinceParameter',
		type: 'string',
		default: '',
		placeholder: 'updated_since',
		description:
			'The query parameter the API filters on, which receives the watermark. Empty: the trigger reads every page and filters on its side.',
		displayOptions: { show: custom },
	},
	{
		displayName: 'Since Format',
		name: 'sinceFormat',
		type: 'options',
		options: [
			{ name: 'ISO 8601', value: 'iso', description: 'For example 2026-11-29T08:00:00.000Z' },
			{ name: 'Unix Seconds', value: 'unixSeconds' },
			{ name: 'Unix Milliseconds', value: 'unixMs' },
		],
		default: 'iso',
		displayOptions: { show: { ...custom } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		// Alphabetical by label, as n8n's collections are.
		options: [
			connectionCategoryOption,
			actionOption('domain'),
			{
				displayName: 'First Poll',
				name: 'firstPoll',
				type: 'options',
				options: [
					{
						name: 'Emit Nothing',
						value: 'emitNothing',
						description: 'Remember where the data stands; emit changes from the next poll on',
					},
					{ name: 'Emit All', value: 'emitAll', description: 'Emit every existing record' },
					{
						name: 'Emit Since a Date',
						value: 'emitSince',
						description: 'Emit the records changed since "First Poll Since"',
					},
				],
				default: 'emitNothing',
			},
			{
				displayName: 'First Poll Since',
				name: 'firstPollSince',
				type: 'dateTime',
				default: '',
				description:
					'With First Poll "Emit Since a Date": the first poll emits what changed from this date on',
			},
			actionOption('allowUnauthorizedCerts'),
			{
				displayName: 'Lookback (Ms)',
				name: 'lookbackMs',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_LOOKBACK_MS,
				description:
					'How far before the last seen time each poll looks again, to catch records a search index shows late. Records seen before are not emitted twice.',
			},
			{
				displayName: 'Max Records per Poll',
				name: 'maxRecordsPerPoll',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_MAX_RECORDS_PER_POLL,
				description: 'The oldest changes are emitted first; the rest comes with the next poll',
			},
			{
				displayName: 'Max Records Read per Poll',
				name: 'maxRecordsReadPerPoll',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_MAX_RECORDS_READ_PER_POLL,
				description:
					'Custom and Slack sources give records in no reliable order, so each poll reads every page; a poll that reads more records than this fails. For Custom, set a Since Parameter so each poll reads only what changed.',
			},
			actionOption('proxy'),
			actionOption('retry'),
			actionOption('timeout'),
		],
	},
];
