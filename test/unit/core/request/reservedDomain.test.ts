import { describe, expect, it } from 'vitest';

import { isReservedDomainName } from '../../../../nodes/Unified/core/request/reservedDomain';

describe('isReservedDomainName', () => {
	it.each([
		'__domain',
		'__DOMAIN',
		' __Domain ',
		'__domain[]',
		'%5F%5Fdomain',
		'%255F%255FDOMAIN',
		'_%5Fdomain',
		'＿＿domain',
		'__ｄｏｍａｉｎ',
	])('%j is __domain', (name) => {
		expect(isReservedDomainName(name)).toBe(true);
	});

	it.each(['domain', '_domain', 'x__domain', 'my_domain'])('%j is not', (name) => {
		expect(isReservedDomainName(name)).toBe(false);
	});
});
