import { describe, expect, it } from 'vitest';

import {
	readSubscriptionSettings,
	webhookRequest,
} from '../../../../nodes/Unified/Trigger/subscription/subscriptionSettings';

const read = (objectType: unknown, events: unknown, options: Record<string, unknown> = {}) =>
	readSubscriptionSettings(objectType, events, options);

describe('subscription settings', () => {
	it('reads every option into the webhook request', () => {
		const settings = read('crm_contact', ['updated', 'created', 'updated'], {
			interval: 5,
			fields: ' id, name ,,emails ',
			filters: { filter: [{ name: 'company_id', value: '42' }] },
			includeExisting: true,
		});
		expect(settings).toEqual({
			objectType: 'crm_contact',
			events: ['updated', 'created'],
			interval: 5,
			fields: 'id,name,emails',
			filters: { company_id: '42' },
			includeExisting: true,
		});
		expect(webhookRequest(settings, 'conn_1', 'https://h/x', 'created')).toEqual({
			hook_url: 'https://h/x',
			connection_id: 'conn_1',
			object_type: 'crm_contact',
			event: 'created',
			interval: 5,
			fields: 'id,name,emails',
			filters: { company_id: '42' },
		});
	});

	it('sends no option that was not set', () => {
		const settings = read('crm_deal', ['deleted']);
		expect(webhookRequest(settings, 'c', 'u', 'deleted')).toEqual({
			hook_url: 'u',
			connection_id: 'c',
			object_type: 'crm_deal',
			event: 'deleted',
		});
		expect(settings.includeExisting).toBe(false);
	});

	it.each([
		['', 'objectType'],
		['CRM_CONTACT', 'objectType'],
		['crm contact', 'objectType'],
		['crm_contact/../x', 'objectType'],
		['passthrough', 'objectType'],
		[['crm_contact'], 'objectType'],
	])('refuses object type %j, naming %s', (objectType, parameter) => {
		expect(() => read(objectType, ['created'])).toThrow(expect.objectContaining({ parameter }));
	});

	it.each([[[]], [['Created']], [['created', 'moved']], [[null]], ['__proto__']])(
		'refuses events %j, naming events',
		(events) => {
			expect(() => read('crm_contact', events)).toThrow(
				expect.objectContaining({ parameter: 'events' }),
			);
		},
	);

	it.each([[0], [-1], [1.5], ['soon'], [Number.NaN], [Infinity]])(
		'refuses interval %j, naming options.interval',
		(interval) => {
			expect(() => read('crm_contact', ['created'], { interval })).toThrow(
				expect.objectContaining({ parameter: 'options.interval' }),
			);
		},
	);

	it.each([
		[{ filter: 'x' }],
		[{ filter: [{ name: '', value: 'a' }] }],
		[{ filter: [{ name: '__proto__', value: 'a' }] }],
		[{ filter: [{ name: 'constructor', value: 'a' }] }],
		[
			{
				filter: [
					{ name: 'a', value: 'x' },
					{ name: ' a ', value: 'y' },
				],
			},
		],
		[{ filter: [{ name: 'a', value: { nested: true } }] }],
		[{ filter: [{ name: 'a' }] }],
	])('refuses filters %j, naming options.filters', (filters) => {
		expect(() => read('crm_contact', ['created'], { filters })).toThrow(
			expect.objectContaining({ parameter: 'options.filters' }),
		);
	});

	it('refuses fields that are not text', () => {
		expect(() => read('crm_contact', ['created'], { fields: ['id'] })).toThrow(
			expect.objectContaining({ parameter: 'options.fields' }),
		);
	});
});
