import { describe, expect, it } from 'vitest';

import { DeliveryLog, deliveryKeys } from '../../../../nodes/Unified/Trigger/delivery/deliveryLog';
import type { Delivery } from '../../../../nodes/Unified/Trigger/delivery/payload';

const delivery = (nonce: string, data: Delivery['data'] = [{ id: 'c1' }]): Delivery => ({
	data,
	webhook: { id: 'wh_1' },
	nonce,
	sig: '',
	type: 'VIRTUAL',
});

describe('the delivery log (duplicates within a process)', () => {
	it('knows a nonce again, and the same records under a new nonce', () => {
		const log = new DeliveryLog();
		expect(log.checkAndMark(deliveryKeys('wf', delivery('n1')), 0)).toBe(false);
		expect(log.checkAndMark(deliveryKeys('wf', delivery('n1')), 1)).toBe(true);
		expect(log.checkAndMark(deliveryKeys('wf', delivery('n2')), 2)).toBe(true);
		expect(log.checkAndMark(deliveryKeys('wf', delivery('n3', [{ id: 'c2' }])), 3)).toBe(false);
	});

	it('keeps triggers apart: another node, webhook or delivery type is not a duplicate', () => {
		const log = new DeliveryLog();
		expect(log.checkAndMark(deliveryKeys('wf-a', delivery('n1')), 0)).toBe(false);
		expect(log.checkAndMark(deliveryKeys('wf-b', delivery('n1')), 0)).toBe(false);
		const other = { ...delivery('n9'), webhook: { id: 'wh_2' } };
		expect(log.checkAndMark(deliveryKeys('wf-a', other), 0)).toBe(false);
		const backfill: Delivery = { ...delivery('n10'), type: 'INITIAL-PARTIAL' };
		expect(log.checkAndMark(deliveryKeys('wf-a', backfill), 0)).toBe(false);
	});

	it('knows a replayed nonce whatever unsigned field changed: webhook id or delivery type', () => {
		const log = new DeliveryLog();
		expect(log.checkAndMark(deliveryKeys('wf', delivery('n1')), 0)).toBe(false);
		const otherWebhook = { ...delivery('n1'), webhook: { id: 'wh_2' } };
		expect(log.checkAndMark(deliveryKeys('wf', otherWebhook), 1)).toBe(true);
		const otherType: Delivery = { ...delivery('n1'), type: 'INITIAL-COMPLETE' };
		expect(log.checkAndMark(deliveryKeys('wf', otherType), 2)).toBe(true);
	});

	it('forgets a key once its lifetime is over', () => {
		const log = new DeliveryLog(100, 1000);
		log.checkAndMark(['a'], 0);
		expect(log.checkAndMark(['a'], 999)).toBe(true);
		// Marked again at 999: it lives until 1999.
		expect(log.checkAndMark(['a'], 1998)).toBe(true);
		expect(log.checkAndMark(['a'], 5000)).toBe(false);
	});

	it('holds at most its size, forgetting the oldest first', () => {
		const log = new DeliveryLog(3, 1_000_000);
		for (const key of ['a', 'b', 'c', 'd']) log.checkAndMark([key], 0);
		expect(log.count).toBe(3);
		expect(log.checkAndMark(['d'], 1)).toBe(true);
		expect(log.checkAndMark(['a'], 1)).toBe(false);
	});

	it('stays bounded under a flood of distinct deliveries', () => {
		const log = new DeliveryLog();
		for (let index = 0; index < 30_000; index++)
			log.checkAndMark(deliveryKeys('wf', delivery(`n${index}`, [{ id: index }])), index);
		expect(log.count).toBe(10_000);
	});
});
