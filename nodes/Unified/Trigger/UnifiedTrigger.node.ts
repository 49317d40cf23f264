import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { testUnifiedApiCredential } from '../core/methods/credentialTest';
import { searchConnections } from '../core/methods/listSearch';
import { toNodeError } from '../core/errors';
import { redactSecret } from '../core/shared/redact';
import { webhookTriggerProperties, webhookTriggerSubtitle } from './description/properties';
import { receiveDelivery } from './delivery/receiveDelivery';
import {
	createSubscriptions,
	deleteSubscriptions,
	subscriptionsExist,
} from './subscription/lifecycle';

/** A lifecycle or delivery failure as n8n shows it, with neither the key nor the webhook secret in it. */
async function withSecretsHidden<T>(
	context: IHookFunctions | IWebhookFunctions,
	work: () => Promise<T>,
): Promise<T> {
	try {
		return await work();
	} catch (error) {
		const credentials = (await context.getCredentials('unifiedApi').catch(() => ({}))) as {
			apiKey?: unknown;
			webhookSecret?: unknown;
		};
		const webhookSecret = String(credentials.webhookSecret ?? '');
		if (error instanceof Error) error.message = redactSecret(error.message, webhookSecret);
		throw toNodeError(context.getNode(), error, undefined, String(credentials.apiKey ?? ''));
	}
}

export class UnifiedTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Unified.to Trigger',
		name: 'unifiedTrigger',
		icon: { light: 'file:unified.svg', dark: 'file:unified.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: webhookTriggerSubtitle,
		description:
			"Starts a workflow when Unified.to's webhooks report records created, updated or deleted in a connection (CRM, messaging, ticketing...)",
		defaults: { name: 'Unified.to Trigger' },
		// Shown while the editor listens for a test event: n8n stops listening after 2 minutes.
		eventTriggerDescription:
			'Waiting for a change in the connection: Unified.to delivers it at once for a native webhook, at its next check (Options → Interval) for a virtual one',
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'unifiedApi', required: true, testedBy: 'testUnifiedApiCredential' }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: webhookTriggerProperties,
	};

	methods = {
		listSearch: { searchConnections },
		credentialTest: { testUnifiedApiCredential },
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await withSecretsHidden(this, async () => await subscriptionsExist(this));
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await withSecretsHidden(this, async () => await createSubscriptions(this));
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await withSecretsHidden(this, async () => await deleteSubscriptions(this));
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await withSecretsHidden(this, async () => await receiveDelivery(this));
	}
}
