import type { IDataObject } from 'n8n-workflow';

export const DELIVERY_TYPES = ['INITIAL-PARTIAL', 'INITIAL-COMPLETE', 'VIRTUAL', 'NATIVE'] as const;
export type DeliveryType = (typeof DELIVERY_TYPES)[number];

/** The webhook a delivery names, as Unified.to sends it beside the records (the fields the node reads). */
export interface DeliveredWebhook {
	id: string;
	connection_id?: string;
	object_type?: string;
	event?: string;
	is_paused?: boolean;
	is_healthy?: boolean;
}

/** A Unified.to webhook delivery: `{ data, webhook, nonce, sig, type }`. */
export interface Delivery {
	data: IDataObject[];
	webhook: DeliveredWebhook;
	nonce: string;
	/** Left as sent: the signature check decides what it accepts. */
	sig: unknown;
	type: DeliveryType;
}

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** The delivery, or undefined for a body of any other shape (answered 400, nothing runs). */
export function parseDelivery(body: unknown): Delivery | undefined {
	if (!isObject(body)) return undefined;
	const { data, webhook, nonce, sig, type } = body;
	if (!Array.isArray(data) || !data.every(isObject)) return undefined;
	if (!isObject(webhook) || typeof webhook.id !== 'string' || webhook.id === '') return undefined;
	if (typeof nonce !== 'string' || nonce === '') return undefined;
	if (!DELIVERY_TYPES.includes(type as DeliveryType)) return undefined;
	return {
		data: data as IDataObject[],
		webhook: webhook as unknown as DeliveredWebhook,
		nonce,
		sig,
		type: type as DeliveryType,
	};
}
