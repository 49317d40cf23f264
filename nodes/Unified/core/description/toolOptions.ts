import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_TOOL_MAX_RECORDS } from '../shared/defaults';

/**
 * n8n adds this field itself to every tool (same name, same default: the node's description); defining it here
 * only adds the hint, which n8n's own version lacks. Shown only on a tool.
 */
export function toolDescriptionProperty(nodeDescription: string): INodeProperties {
	return {
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		default: nodeDescription,
		required: true,
		typeOptions: { rows: 2 },
		displayOptions: { show: { '@tool': [true] } },
		hint: 'Name the upstream API here (e.g. "the HubSpot CRM v3 REST API") so the model writes paths and bodies it knows',
		description:
			'Explain to the model what this tool does: which API it reaches, and for which customer',
	};
}

/**
 * The opt-in for a multi-tenant agent: without it, a connection the model could set is refused. Shown only on a
 * tool; `noDataExpression` keeps the editor from offering "let the model define this parameter" on it.
 */
export const allowModelConnectionOption: INodeProperties = {
	displayName: 'Let Model Pick Connection',
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
	// Its values shown as soon as the option is added (an empty default shows "Currently no items exist").
	default: { settings: { fields: '', maxRecords: DEFAULT_TOOL_MAX_RECORDS, recordsPath: '' } },
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
