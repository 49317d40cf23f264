import { describe, expect, it } from 'vitest';

import { splitAndEncodePath } from '../../../../nodes/Unified/core/request/path';

describe('splitAndEncodePath', () => {
	it.each([
		['/crm/v3/objects/contacts', 'crm/v3/objects/contacts'],
		['crm/v3/objects/contacts', 'crm/v3/objects/contacts'],
		['services/data/v62.0/sobjects/Account/', 'services/data/v62.0/sobjects/Account/'],
		['conversations.create', 'conversations.create'],
		['files/Q3 report (final).pdf', 'files/Q3%20report%20(final).pdf'],
		['files/100%', 'files/100%25'],
		['files/a%2Fb', 'files/a%2Fb'],
		['v1/things:batchGet', 'v1/things:batchGet'],
		['users/ü', 'users/%C3%BC'],
	])('%s -> %s', (input, expected) => {
		expect(splitAndEncodePath(input).path).toBe(expected);
	});

	it('splits the ?query part into decoded pairs', () => {
		expect(splitAndEncodePath('query?q=SELECT+Id+FROM+Account&x=%26').query).toEqual([
			['q', 'SELECT Id FROM Account'],
			['x', '&'],
		]);
	});

	it.each([
		'http://x',
		'HTTPS://x/y',
		'//x',
		'../x',
		'a/../b',
		'a/%2E%2e',
		'a/%252E%252E/b',
		'.',
		'a\\b',
		'a%5Cb',
		'a\u0000b',
		'a%00b',
		'a#b',
		'%2F%2Fevil',
		'%2Fhttp:%2F%2Fevil',
		'crm%3F__domain%3Devil.example',
		'a%23b',
	])('rejects %j', (input) => {
		expect(() => splitAndEncodePath(input)).toThrow();
	});

	it('rejects a non-string', () => {
		expect(() => splitAndEncodePath(42)).toThrow(/must be a string/);
	});
});
