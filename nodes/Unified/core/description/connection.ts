import type { INodeProperties } from 'n8n-workflow';

const connectionProperty: INodeProperties = {
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
};

/** The trigger's: it never runs as a tool. */
export const connectionProperties: INodeProperties[] = [connectionProperty];

/**
 * The action node's. As an AI Agent's tool the editor offers "let the model define this" on the connection, which
 * the node refuses unless Let Model Pick Connection is on: the tool's copy says so where the user clicks. (Only
 * `noDataExpression` hides n8n's button, and it would also forbid reading the customer from an earlier node.)
 */
export const actionConnectionProperties: INodeProperties[] = [
	{ ...connectionProperty, displayOptions: { hide: { '@tool': [true] } } },
	{
		...connectionProperty,
		displayOptions: { show: { '@tool': [true] } },
		hint: 'Let the model define it only with Options → Let Model Pick Connection on (else the run is refused); or read the customer from an earlier node',
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
