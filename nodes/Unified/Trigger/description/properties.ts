import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { connectionCategoryOption, connectionProperties } from '../../core/description/connection';
import { optionLabels } from '../../core/description/optionLabels';
import { objectTypeOptions } from './objectTypes';

export const WEBHOOK_EVENTS: INodePropertyOptions[] = [
	// `action` names the entry n8n's node panel makes of each event ("On created" without it).
	{
		name: 'Created',
		value: 'created',
		action: 'On record created',
		description: 'A record was created',
	},
	{
		name: 'Updated',
		value: 'updated',
		action: 'On record updated',
		description: 'A record changed after it was created',
	},
	{
		name: 'Deleted',
		value: 'deleted',
		action: 'On record deleted',
		description: 'A record was deleted',
	},
];

/** The canvas subtitle with the labels the panel shows, e.g. "CRM Contact: Created, Updated". */
export const webhookTriggerSubtitle =
	`={{ (${optionLabels(objectTypeOptions)}[$parameter["objectType"]] || $parameter["objectType"]) + ": " + ` +
	`($parameter["events"] || []).map((event) => (${optionLabels(WEBHOOK_EVENTS)}[event] || event)).join(", ") }}`;

export const webhookTriggerProperties: INodeProperties[] = [
	{
		// n8n cannot read a credential's fields in displayOptions: this shows always.
		displayName:
			"Deliveries are verified only when the Unified.to credential has a Webhook Secret (your workspace secret). Without it, anyone who knows this trigger's URL can inject records into the workflow.",
		name: 'signatureNotice',
		type: 'notice',
		default: '',
	},
	...connectionProperties,
	{
		displayName: 'Object',
		name: 'objectType',
		type: 'options',
		options: objectTypeOptions,
		default: 'crm_contact',
		required: true,
		description:
			"The Unified.to object to watch. Not every integration supports every object: activating the workflow fails with Unified.to's answer if this connection's does not.",
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: WEBHOOK_EVENTS,
		default: ['created', 'updated'],
		required: true,
		description: 'One Unified.to webhook subscription is made for each event',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				...connectionCategoryOption,
			},
			{
				displayName: 'Fields',
				name: 'fields',
				type: 'string',
				default: '',
				placeholder: 'id,name,emails',
				description:
					'Comma-separated fields of the unified record to send; empty sends every field',
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Filter',
				default: {},
				description: "Unified.to's webhook filters: only records whose field has this value",
				options: [
					{
						displayName: 'Filter',
						name: 'filter',
						values: [
							{
								displayName: 'Field',
								name: 'name',
								type: 'string',
								default: '',
								placeholder: 'e.g. company_id',
							},
							{
								displayName: 'Value',
								name: 'value',
								type: 'string',
								default: '',
							},
						],
					},
				],
			},
			{
				displayName: 'Include Existing Records',
				name: 'includeExisting',
				type: 'boolean',
				default: false,
				description:
					'Whether Unified.to should first send every existing record (the backfill), in pages that run as ordinary executions marked "backfill"',
			},
			{
				displayName: 'Interval (Minutes)',
				name: 'interval',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 60,
				description:
					'For virtual webhooks (Unified.to polls the integration): how often it checks for changes. Your Unified.to plan sets the shortest interval.',
			},
			{
				displayName: 'Output',
				name: 'output',
				type: 'options',
				options: [
					{
						name: 'Unified Record',
						value: 'unified',
						description: 'Each record as Unified.to delivers it',
					},
					{
						name: 'Raw Upstream Record',
						value: 'raw',
						description: "The integration's own record (the unified record's raw field)",
					},
				],
				default: 'unified',
			},
		],
	},
];
