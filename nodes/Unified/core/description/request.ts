import type { INodeProperties } from 'n8n-workflow';

const nameValueRows = (valueDescription: string): INodeProperties['options'] => [
	{
		name: 'parameters',
		displayName: 'Parameter',
		values: [
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{
				displayName: 'Value',
				name: 'value',
				type: 'string',
				default: '',
				description: valueDescription,
			},
		],
	},
];

export const requestProperties: INodeProperties[] = [
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		noDataExpression: false,
		options: [
			{ name: 'DELETE', value: 'DELETE' },
			{ name: 'GET', value: 'GET' },
			{ name: 'PATCH', value: 'PATCH' },
			{ name: 'POST', value: 'POST' },
			{ name: 'PUT', value: 'PUT' },
		],
		default: 'GET',
		description:
			'The HTTP method the upstream API expects for this call: GET to read, POST to create or to run a search/batch call, PUT/PATCH to update, DELETE to remove',
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: '',
		required: true,
		placeholder: '/crm/v3/objects/contacts',
		hint: 'HubSpot: /crm/v3/objects/contacts · Slack: conversations.list · Salesforce: services/data/v62.0/query',
		description:
			"The upstream API path, relative to the integration's API root (see the Passthrough tab of the integration in Unified.to), e.g. /crm/v3/objects/contacts for HubSpot, conversations.list for Slack, services/data/v62.0/sobjects/Account/ for Salesforce. A ?query part is allowed. Not a full URL.",
	},
	{
		displayName: 'Send Query Parameters',
		name: 'sendQuery',
		type: 'boolean',
		default: false,
		noDataExpression: true,
		description: 'Whether the request has query parameters (sent to the upstream API as they are)',
	},
	{
		displayName: 'Specify Query Parameters',
		name: 'specifyQuery',
		type: 'options',
		displayOptions: { show: { sendQuery: [true] } },
		options: [
			{ name: 'Using Fields Below', value: 'keypair' },
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'keypair',
	},
	{
		displayName: 'Query Parameters',
		name: 'queryParameters',
		type: 'fixedCollection',
		displayOptions: { show: { sendQuery: [true], specifyQuery: ['keypair'] } },
		typeOptions: { multipleValues: true },
		placeholder: 'Add Parameter',
		default: { parameters: [{ name: '', value: '' }] },
		options: nameValueRows('A repeated name sends the parameter several times'),
	},
	{
		displayName: 'JSON Query Parameters',
		name: 'jsonQuery',
		type: 'json',
		displayOptions: { show: { sendQuery: [true], specifyQuery: ['json'] } },
		default: '',
		placeholder: '{"limit": 100, "properties": ["email", "firstname"]}',
		// n8n's JSON editor shows no placeholder, so the example goes in the hint.
		hint: 'e.g. {"limit": 100, "properties": ["email", "firstname"]}',
		description:
			'The query parameters as one JSON object, named as the upstream API documents them, e.g. {"limit": 10, "after": "110"} for HubSpot or {"q": "SELECT Name FROM Account"} for a Salesforce query; array values are sent per the "Query Array Format" option',
	},
	{
		displayName: 'Send Headers',
		name: 'sendHeaders',
		type: 'boolean',
		default: false,
		noDataExpression: true,
		description:
			"Whether the request has headers for the upstream API (e.g. x-api-version). Unified.to adds the upstream's authorization itself.",
	},
	{
		displayName: 'Specify Headers',
		name: 'specifyHeaders',
		type: 'options',
		displayOptions: { show: { sendHeaders: [true] } },
		options: [
			{ name: 'Using Fields Below', value: 'keypair' },
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'keypair',
	},
	{
		displayName: 'Header Parameters',
		name: 'headerParameters',
		type: 'fixedCollection',
		displayOptions: { show: { sendHeaders: [true], specifyHeaders: ['keypair'] } },
		typeOptions: { multipleValues: true },
		placeholder: 'Add Header',
		default: { parameters: [{ name: '', value: '' }] },
		options: nameValueRows('Header value'),
	},
	{
		displayName: 'JSON Headers',
		name: 'jsonHeaders',
		type: 'json',
		displayOptions: { show: { sendHeaders: [true], specifyHeaders: ['json'] } },
		default: '',
		placeholder: '{"x-api-version": "2023-06-01"}',
		hint: 'e.g. {"x-api-version": "2023-06-01"}',
	},
];
