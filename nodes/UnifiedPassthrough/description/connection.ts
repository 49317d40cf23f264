import type { INodeProperties } from 'n8n-workflow';

export const connectionProperties: INodeProperties[] = [
	{
		displayName: 'Connection',
		name: 'connection',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description:
			"The customer's authorized account inside Unified.to (a HubSpot, Slack, Salesforce... connection). Pick it from the list, give its ID, or give your own ID for the customer (external xref) to look it up at run time.",
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
			{
				// Short: the mode picker is narrow. The hint says what it is.
				displayName: 'By Xref',
				name: 'externalXref',
				type: 'string',
				placeholder: 'e.g. customer-42',
				hint: 'Your own ID for the customer (Unified.to\'s external xref), as set when they connected. If they have several connections, set the "Connection Category" option.',
			},
		],
	},
];

/** Narrows the "By Xref" lookup when a customer has several connections. */
export const connectionCategoryOption: INodeProperties = {
	displayName: 'Connection Category',
	name: 'connectionCategory',
	type: 'string',
	default: '',
	placeholder: 'crm',
	description:
		'Only for the connection\'s "By Xref" mode: the Unified.to category (crm, messaging, storage, accounting...) that picks one connection when the customer has several',
};
