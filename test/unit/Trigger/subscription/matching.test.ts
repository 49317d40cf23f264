import { describe, expect, it } from 'vitest';

import {
	coversEvents,
	stillMatches,
	subscriptionsToReplace,
} from '../../../../nodes/Unified/Trigger/subscription/matching';
import {
	readSubscriptions,
	writeSubscriptions,
} from '../../../../nodes/Unified/Trigger/subscription/storedSubscriptions';

const hookUrl = 'https://n8n.example/webhook/abc/webhook';
const wanted = {
	hookUrl,
	connectionId: 'conn_1',
	objectType: 'crm_contact',
	events: ['created', 'updated'],
};
const stored = { id: 'wh_1', event: 'created', hookUrl };
const remote = {
	id: 'wh_1',
	connection_id: 'conn_1',
	hook_url: hookUrl,
	object_type: 'crm_contact',
	event: 'created',
};

describe('subscription diffing', () => {
	it('a stored subscription still matches when Unified.to has it unchanged', () => {
		expect(stillMatches(stored, remote, wanted)).toBe(true);
		expect(stillMatches(stored, { ...remote, is_paused: false, is_healthy: true }, wanted)).toBe(
			true,
		);
	});

	it.each([
		['gone', undefined],
		['another URL', { ...remote, hook_url: 'https://elsewhere.example/hook' }],
		['another connection', { ...remote, connection_id: 'conn_2' }],
		['another object', { ...remote, object_type: 'crm_deal' }],
		['another event', { ...remote, event: 'deleted' }],
		['another id', { ...remote, id: 'wh_9' }],
		['paused', { ...remote, is_paused: true }],
		['unhealthy', { ...remote, is_healthy: false }],
	])('does not match when it is %s', (_name, changed) => {
		expect(stillMatches(stored, changed, wanted)).toBe(false);
	});

	it('does not match when the node now has another URL (test vs production)', () => {
		expect(stillMatches(stored, remote, { ...wanted, hookUrl: `${hookUrl}-test` })).toBe(false);
	});

	it('covers the events exactly once each', () => {
		const created = stored;
		const updated = { ...stored, id: 'wh_2', event: 'updated' };
		expect(coversEvents([created, updated], ['created', 'updated'])).toBe(true);
		expect(coversEvents([updated, created], ['created', 'updated'])).toBe(true);
		expect(coversEvents([created], ['created', 'updated'])).toBe(false);
		expect(coversEvents([created, updated], ['created'])).toBe(false);
		expect(coversEvents([created, { ...created, id: 'wh_3' }], ['created', 'updated'])).toBe(false);
		expect(coversEvents([], [])).toBe(true);
	});

	it('replaces what was stored and anything else aimed at this URL, once each', () => {
		const listed = [
			remote,
			{ ...remote, id: 'wh_7', event: 'updated' },
			{ ...remote, id: 'wh_8', hook_url: 'https://other.example/hook' },
		];
		expect(subscriptionsToReplace([stored, { ...stored, id: 'wh_gone' }], listed, hookUrl)).toEqual(
			['wh_1', 'wh_gone', 'wh_7'],
		);
	});
});

describe('stored subscriptions (node static data)', () => {
	it('round-trips and clears', () => {
		const data = {};
		writeSubscriptions(data, [stored]);
		expect(data).toEqual({ subscriptions: [stored] });
		expect(readSubscriptions(data)).toEqual([stored]);
		writeSubscriptions(data, []);
		expect(data).toEqual({});
	});

	it('ignores anything not of its shape (a Code node can write static data too)', () => {
		expect(readSubscriptions({ subscriptions: 'wh_1' })).toEqual([]);
		expect(
			readSubscriptions({
				subscriptions: [
					null,
					'wh_1',
					{ id: '', event: 'created', hookUrl },
					{ id: 5, event: 'created', hookUrl },
					{ id: 'wh_2', event: 'created' },
					stored,
				],
			}),
		).toEqual([stored]);
	});
});
