import type { INodeProperties } from 'n8n-workflow';

export const connectionProperties: INodeProperties[] = [
	{
		displayName: 'Connection',
		name: 'connection',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The customer\'s authorized account inside Unified.to (a HubSpot, Slack, Salesforce... connection).',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a connection...',
				typeOptions: {
					searchListMethod: 'searchConnections',
					searchable: true,
				},
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 5de520f96e439b002043d8dc',
			},
		],
	},
];
