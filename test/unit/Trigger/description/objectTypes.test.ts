import { describe, expect, it } from 'vitest';

import {
	objectTypeName,
	objectTypeOptions,
} from '../../../../nodes/Unified/Trigger/description/objectTypes';

describe('object type options', () => {
	const values = objectTypeOptions.map((option) => option.value as string);

	it('lists the common CRM, messaging and ticketing objects first, then the rest alphabetically', () => {
		expect(values.slice(0, 10)).toEqual([
			'crm_contact',
			'crm_company',
			'crm_deal',
			'crm_lead',
			'crm_event',
			'messaging_message',
			'messaging_channel',
			'ticketing_ticket',
			'ticketing_customer',
			'ticketing_note',
		]);
		const rest = values.slice(10);
		expect(rest).toEqual([...rest].sort());
	});

	it('has each value and each name once, and no passthrough', () => {
		expect(new Set(values).size).toBe(values.length);
		expect(new Set(objectTypeOptions.map((option) => option.name)).size).toBe(values.length);
		expect(values).not.toContain('passthrough');
	});

	it('gives readable names', () => {
		expect(objectTypeName('crm_contact')).toBe('CRM Contact');
		expect(objectTypeName('accounting_creditmemo')).toBe('Accounting Credit Memo');
		expect(objectTypeName('uc_call')).toBe('Unified Communications Call');
	});
});
