import { describe, expect, it } from 'vitest';

import {
	fingerprintEvent,
	resolveEvent,
	sourceEvent,
} from '../../../../nodes/Unified/PassthroughTrigger/poll/pollSettings';

describe('the event a source reads (issue 19 item 11)', () => {
	it('Slack reads New, also when saved with "New or Updated" (it always read the same messages)', () => {
		expect(sourceEvent('slack', 'newOrUpdated')).toBe('new');
		expect(sourceEvent('slack', 'new')).toBe('new');
	});

	it('the other sources read the event as saved', () => {
		for (const source of ['hubspot', 'salesforce', 'custom']) {
			expect(sourceEvent(source, 'newOrUpdated'), source).toBe('newOrUpdated');
			expect(sourceEvent(source, 'new'), source).toBe('new');
		}
	});

	it("Slack's state keeps the fingerprint of the event it was saved with by default, whatever the event", () => {
		expect(fingerprintEvent('slack', 'new')).toBe('newOrUpdated');
		expect(fingerprintEvent('slack', 'newOrUpdated')).toBe('newOrUpdated');
		expect(fingerprintEvent('hubspot', 'new')).toBe('new');
	});

	it('an event that is neither is refused, naming the parameter', () => {
		for (const value of ['', 'New', 'updated', undefined, null, 42])
			expect(() => resolveEvent(value), String(value)).toThrow(/Event must be one of/);
	});
});
