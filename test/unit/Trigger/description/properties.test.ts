import { describe, expect, it } from 'vitest';

import { WEBHOOK_EVENTS } from '../../../../nodes/Unified/Trigger/description/properties';

describe('webhook events', () => {
	// n8n's node panel makes an entry of each option of a parameter called Events: "On created" without an action.
	it('name the node panel entries after the record', () => {
		expect(WEBHOOK_EVENTS.map((event) => [event.value, event.action])).toEqual([
			['created', 'On record created'],
			['updated', 'On record updated'],
			['deleted', 'On record deleted'],
		]);
	});
});
