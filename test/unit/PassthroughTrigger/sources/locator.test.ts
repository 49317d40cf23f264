import { describe, expect, it } from 'vitest';

import {
	locatorText,
	namesText,
} from '../../../../nodes/Unified/PassthroughTrigger/sources/locator';

describe('trigger fields saved as lists or as the strings of before (issue 19 item 16)', () => {
	it('reads a resource locator by its value, and a plain string as it is', () => {
		expect(locatorText({ __rl: true, mode: 'list', value: 'contacts' })).toBe('contacts');
		expect(locatorText({ __rl: true, mode: 'id', value: '2-1234567' })).toBe('2-1234567');
		expect(locatorText('deals')).toBe('deals');
	});

	it('reads anything else as empty, so the source names the field', () => {
		for (const saved of [undefined, null, 42, true, ['contacts'], { mode: 'list' }, { value: 7 }])
			expect(locatorText(saved), JSON.stringify(saved)).toBe('');
	});

	it('joins a picked property list; keeps a comma-separated string; anything else is empty', () => {
		expect(namesText(['email', 'firstname'])).toBe('email,firstname');
		expect(namesText('email, firstname')).toBe('email, firstname');
		expect(namesText([])).toBe('');
		expect(namesText(undefined)).toBe('');
		expect(namesText({ email: true })).toBe('');
	});
});
