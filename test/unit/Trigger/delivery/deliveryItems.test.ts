import { describe, expect, it } from 'vitest';

import {
	deliveryItems,
	readOutputMode,
} from '../../../../nodes/Unified/Trigger/delivery/deliveryItems';
import { parseDelivery, type Delivery } from '../../../../nodes/Unified/Trigger/delivery/payload';

const webhook = {
	id: 'wh_1',
	connection_id: 'conn_hubspot',
	object_type: 'crm_contact',
	event: 'updated',
};
const contact = { id: 'c1', name: 'Ada', raw: { id: '101', properties: { firstname: 'Ada' } } };

const delivery = (overrides: Partial<Delivery> = {}): Delivery => ({
	data: [contact, { id: 'c2', name: 'Bob' }],
	webhook,
	nonce: 'n1',
	sig: 'x',
	type: 'VIRTUAL',
	...overrides,
});

describe('delivery items', () => {
	it('gives one item per record, with the delivery beside it', () => {
		expect(deliveryItems(delivery(), 'unified').map((item) => item.json)).toEqual([
			{
				record: contact,
				event: 'updated',
				objectType: 'crm_contact',
				connectionId: 'conn_hubspot',
				webhookId: 'wh_1',
				deliveryType: 'VIRTUAL',
				backfill: false,
			},
			expect.objectContaining({ record: { id: 'c2', name: 'Bob' } }),
		]);
	});

	it('raw: the upstream record, or the unified one with a warning when there is none', () => {
		const [first, second] = deliveryItems(delivery(), 'raw').map((item) => item.json);
		expect(first.record).toEqual(contact.raw);
		expect(first.warning).toBeUndefined();
		expect(second.record).toEqual({ id: 'c2', name: 'Bob' });
		expect(second.warning).toMatch(/no "raw" field/);
	});

	it.each(['INITIAL-PARTIAL', 'INITIAL-COMPLETE'] as const)('marks %s as backfill', (type) => {
		expect(deliveryItems(delivery({ type }), 'unified')[0].json.backfill).toBe(true);
	});

	it('warns on every item when the webhook is paused or unhealthy', () => {
		const paused = deliveryItems(delivery({ webhook: { ...webhook, is_paused: true } }), 'unified');
		expect(paused.every((item) => /paused/.test(String(item.json.warning)))).toBe(true);
		const unhealthy = deliveryItems(
			delivery({ webhook: { ...webhook, is_healthy: false } }),
			'raw',
		);
		expect(String(unhealthy[0].json.warning)).toMatch(/unhealthy.*WEBHOOK_URL/);
		expect(String(unhealthy[1].json.warning)).toMatch(/unhealthy[\s\S]*no "raw" field/);
	});

	it('reads the output option, refusing anything else by name', () => {
		expect(readOutputMode(undefined)).toBe('unified');
		expect(readOutputMode('raw')).toBe('raw');
		expect(() => readOutputMode('RAW')).toThrow(/"RAW" is not an output/);
		expect(() => readOutputMode('__proto__')).toThrow(
			expect.objectContaining({ parameter: 'options.output' }),
		);
	});
});

describe('the delivery shape', () => {
	const valid = { data: [contact], webhook, nonce: 'n1', sig: 'abc', type: 'NATIVE' };

	it('accepts a delivery', () => {
		expect(parseDelivery(valid)).toEqual(valid);
		expect(parseDelivery({ ...valid, data: [] })?.data).toEqual([]);
	});

	it.each([
		['no body', undefined],
		['a string', 'data'],
		['an array', [valid]],
		['data not an array', { ...valid, data: { id: 1 } }],
		['a record that is not an object', { ...valid, data: [contact, 'x'] }],
		['a null record', { ...valid, data: [null] }],
		['no webhook', { ...valid, webhook: undefined }],
		['a webhook without id', { ...valid, webhook: { event: 'updated' } }],
		['a numeric webhook id', { ...valid, webhook: { id: 1 } }],
		['an empty nonce', { ...valid, nonce: '' }],
		['a numeric nonce', { ...valid, nonce: 5 }],
		['an unknown type', { ...valid, type: 'virtual' }],
		['no type', { ...valid, type: undefined }],
	])('refuses %s', (_name, body) => {
		expect(parseDelivery(body)).toBeUndefined();
	});
});
