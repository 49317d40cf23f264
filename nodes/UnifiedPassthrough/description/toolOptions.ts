import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_TOOL_MAX_RECORDS } from '../shared/defaults';

/**
 * The opt-in for a multi-tenant agent: without it, a connection the model could set is refused. Shown only on a
 * tool; `noDataExpression` keeps the editor from offering "let the model define this parameter" on it.
 */
export const allowModelConnectionOption: INodeProperties = {
	displayName: 'Allow Model to Choose Connection',
	name: 'allowModelConnection',
	type: 'boolean',
	default: false,
	noDataExpression: true,
	displayOptions: { show: { '@tool': [true] } },
	description:
		"Whether the AI model may pick the connection (with $fromAI, or through a field of the tool's input item), so one agent serves several customers. Off: such a connection is refused, since a prompt could then reach another customer's account.",
};

/** Shown only when the node is an AI Agent's tool: keeps large JSON responses within the model's context. */
export const optimizeResponseOption: INodeProperties = {
	displayName: 'Optimize Response for AI',
	name: 'optimizeResponse',
	type: 'fixedCollection',
	default: {},
	displayOptions: { show: { '@tool': [true] } },
	description:
		'Trims the JSON response before the agent sees it: fewer tokens, faster and cheaper answers',
	options: [
		{
			name: 'settings',
			displayName: 'Settings',
			values: [
				{
					displayName: 'Fields to Include',
					name: 'fields',
					type: 'string',
					default: '',
					placeholder: 'properties.email, properties.firstname',
					description: 'Comma-separated dot paths kept from each record; empty keeps every field',
				},
				{
					displayName: 'Max Records',
					name: 'maxRecords',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: DEFAULT_TOOL_MAX_RECORDS,
					description: 'The most records the agent receives per call',
				},
				{
					displayName: 'Records Path',
					name: 'recordsPath',
					type: 'string',
					default: '',
					placeholder: 'results',
					description:
						"Dot path of the records inside the response: results for HubSpot, channels for Slack's conversations.list, records for a Salesforce query. Empty: the whole response.",
				},
			],
		},
	],
};
