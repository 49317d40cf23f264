import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_BATCH_SIZE } from '../shared/defaults';

export const batchingOption: INodeProperties = {
	displayName: 'Batching',
	name: 'batching',
	type: 'fixedCollection',
	// Shown with Mode Off as soon as the option is added (an empty default shows "Currently no items exist").
	default: { settings: { mode: 'off' } },
	// An AI Agent's tool call is one item: nothing to batch.
	displayOptions: { hide: { '@tool': [true] } },
	description:
		"Writes many items in one call to a batch endpoint (HubSpot's batch APIs, Salesforce's sObject Collections, or your own), and gives each item its own record's result or error",
	options: [
		{
			name: 'settings',
			displayName: 'Settings',
			// In the order they are filled in: Mode first, then what only Custom needs, then the size.
			values: [
				{
					displayName: 'Mode',
					name: 'mode',
					type: 'options',
					default: 'off',
					options: [
						{ name: 'Off', value: 'off', description: 'One call per item' },
						{
							name: 'HubSpot',
							value: 'hubspot',
							description:
								'CRM batch endpoints (.../batch/create, update, upsert, read, archive): item bodies become "inputs"',
						},
						{
							name: 'Salesforce',
							value: 'salesforce',
							description:
								'Salesforce sObject Collections (composite/sobjects): item bodies become "records", allOrNone false',
						},
						{
							name: 'Custom',
							value: 'custom',
							description:
								'Item bodies placed at Array Path; one result per record, in order, at Results Path',
						},
					],
				},
				{
					displayName: 'Array Path',
					name: 'arrayPath',
					type: 'string',
					default: '',
					placeholder: 'records',
					displayOptions: { show: { mode: ['custom'] } },
					description:
						"The body field that holds the records (each item's body is one record). Empty: the body is the array of records.",
				},
				{
					displayName: 'Results Path',
					name: 'resultsPath',
					type: 'string',
					default: '',
					placeholder: 'results',
					displayOptions: { show: { mode: ['custom'] } },
					description:
						'The response field that holds one result per record, in the same order (dotted path). Empty: the response body is that array.',
				},
				{
					displayName: 'Batch Size',
					name: 'batchSize',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: DEFAULT_BATCH_SIZE,
					displayOptions: { hide: { mode: ['off'] } },
					hint: "0: the API's maximum (HubSpot 100, Salesforce 200, custom 1000)",
					description:
						"The most items per call. 0: the API's maximum (100 for HubSpot, 200 for Salesforce, 1000 for custom); a larger number is lowered to it.",
				},
			],
		},
	],
};
