import type { INodeProperties } from 'n8n-workflow';

/**
 * For n8n's node panel only. It lists an app's trigger (`xxxTrigger`) inside the entry of its action node (`xxx`)
 * when that node has at least one action, an `operation` option, as it does for HubSpot and Salesforce; without
 * one the trigger showed as a second, identical "Unified.to Passthrough" entry. Never shown, never read.
 */
export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'hidden',
	noDataExpression: true,
	options: [
		{
			name: 'Call an API',
			value: 'call',
			action: 'Call an API through a connection',
			description: 'Send a request to the API behind a Unified.to connection',
		},
	],
	default: 'call',
};
