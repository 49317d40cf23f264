import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { redactSecretDeep } from '../../core/shared/redact';
import { readSubscriptions } from '../subscription/storedSubscriptions';
import { deliveryItems, readOutputMode } from './deliveryItems';
import { DeliveryLog, deliveryKeys } from './deliveryLog';
import { parseDelivery } from './payload';
import { verifySignature } from './signature';

/** The credential's fields a delivery needs. */
interface DeliveryCredentials {
	apiKey?: unknown;
	webhookSecret?: unknown;
}

/** Shared by every trigger of this process (see DeliveryLog for what it does not cover). */
const processDeliveryLog = new DeliveryLog();

/**
 * Answers Unified.to without running the workflow. Written on the response itself (n8n's webhook helpers then
 * send nothing more for `noWebhookResponse`), with only Node's own response API: Express's extends it.
 */
function answer(
	context: IWebhookFunctions,
	status: number,
	body: IDataObject,
): IWebhookResponseData {
	const response = context.getResponseObject();
	response.statusCode = status;
	response.setHeader('content-type', 'application/json; charset=utf-8');
	response.end(JSON.stringify(body));
	return { noWebhookResponse: true };
}

/**
 * One delivery: checked (shape, then the signature when the credential has a Webhook Secret, before anything
 * else is read), matched to this node's subscriptions, run at most once per process, turned into items.
 */
export async function receiveDelivery(
	context: IWebhookFunctions,
	log: DeliveryLog = processDeliveryLog,
): Promise<IWebhookResponseData> {
	const credentials = (await context.getCredentials('unifiedApi')) as DeliveryCredentials;
	const secret = typeof credentials.webhookSecret === 'string' ? credentials.webhookSecret : '';
	const delivery = parseDelivery(context.getBodyData());
	if (!delivery)
		return answer(context, 400, {
			message: 'Not a Unified.to webhook delivery: expected { data, webhook, nonce, sig, type }',
		});
	if (secret !== '' && !verifySignature(secret, delivery.data, delivery.nonce, delivery.sig))
		return answer(context, 401, {
			message: 'The signature does not match the Webhook Secret of the Unified.to credential',
		});

	const subscriptions = readSubscriptions(context.getWorkflowStaticData('node'));
	if (!subscriptions.some((subscription) => subscription.id === delivery.webhook.id)) {
		context.logger?.info(
			`${context.getNode().name}: ignored a delivery for webhook ${delivery.webhook.id.slice(0, 80)}, which is not one of this trigger's subscriptions`,
		);
		return answer(context, 200, { ignored: true });
	}
	if (delivery.data.length === 0) return answer(context, 200, { received: 0 });

	const scope = `${context.getWorkflow().id ?? ''}\u0000${context.getNode().id}`;
	if (log.checkAndMark(deliveryKeys(scope, delivery), Date.now()))
		return answer(context, 200, { duplicate: true });

	const output = readOutputMode((context.getNodeParameter('options', {}) as IDataObject).output);
	let items = deliveryItems(delivery, output);
	items = redactSecretDeep(items, String(credentials.apiKey ?? ''));
	if (secret !== '') items = redactSecretDeep(items, secret);
	return { workflowData: [items] };
}
