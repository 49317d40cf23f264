import { randomUUID } from 'node:crypto';

import type { SimulatorWebhook } from '../../bench/support/simulatorProcess';
import { webhookSignature } from '../../test/simulator/webhooks/sign';

// Deliveries the e2e run sends to n8n itself, as a stranger who knows the webhook URL would: forged signatures,
// and a correctly signed delivery sent again (same nonce; same records under a new nonce).

export interface DeliveryAnswer {
	status: number;
	body: string;
}

export interface DeliveryBody {
	data: Array<Record<string, unknown>>;
	webhook: SimulatorWebhook;
	nonce: string;
	sig?: unknown;
	type: string;
}

/** One contact as a delivery carries it: `raw.properties.firstname` is what the e2e workflow counts by. */
export function contactRecord(id: string, firstname: string): Record<string, unknown> {
	const at = new Date().toISOString();
	return {
		id,
		name: firstname,
		created_at: at,
		updated_at: at,
		raw: { id, properties: { firstname }, createdAt: at, updatedAt: at },
	};
}

/** A delivery of `records` for `webhook`, signed with `secret` as the simulator signs (a fresh nonce unless given). */
export function signedDelivery(
	secret: string,
	webhook: SimulatorWebhook,
	records: Array<Record<string, unknown>>,
	nonce: string = randomUUID(),
): DeliveryBody {
	return {
		data: records,
		webhook,
		nonce,
		sig: webhookSignature(secret, records, nonce),
		type: 'VIRTUAL',
	};
}

/** Forgeries of a delivery: what each must be refused for. */
export function forgedDeliveries(
	secret: string,
	webhook: SimulatorWebhook,
	records: Array<Record<string, unknown>>,
): Array<{ what: string; body: DeliveryBody }> {
	const genuine = signedDelivery(secret, webhook, records);
	const { sig: _sig, ...unsigned } = genuine;
	return [
		{
			what: 'signed with another secret',
			body: signedDelivery(`${secret}x`, webhook, records, genuine.nonce),
		},
		{
			what: "another delivery's signature (other records)",
			body: { ...genuine, sig: signedDelivery(secret, webhook, [], genuine.nonce).sig },
		},
		{ what: 'no signature', body: unsigned },
		{ what: 'an empty signature', body: { ...genuine, sig: '' } },
		{ what: 'a signature that is not a string', body: { ...genuine, sig: 12345 } },
	];
}

export async function postDelivery(url: string, body: unknown): Promise<DeliveryAnswer> {
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		return { status: response.status, body: await response.text() };
	} catch (error) {
		return { status: 0, body: (error as Error).message };
	}
}
