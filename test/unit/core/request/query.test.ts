import { describe, expect, it } from 'vitest';

import {
	assertNoReservedDomain,
	encodeQuery,
	flattenQuery,
} from '../../../../nodes/Unified/core/request/query';

describe('query', () => {
	it('flattens arrays per format', () => {
		const entries: Array<[string, unknown]> = [
			['tag', ['a', 'b']],
			['limit', 5],
			['skip', null],
		];
		expect(flattenQuery(entries, 'repeat')).toEqual([
			['tag', 'a'],
			['tag', 'b'],
			['limit', '5'],
		]);
		expect(flattenQuery(entries, 'brackets')).toEqual([
			['tag[]', 'a'],
			['tag[]', 'b'],
			['limit', '5'],
		]);
		expect(flattenQuery(entries, 'indices')).toEqual([
			['tag[0]', 'a'],
			['tag[1]', 'b'],
			['limit', '5'],
		]);
		expect(flattenQuery(entries, 'comma')).toEqual([
			['tag', 'a,b'],
			['limit', '5'],
		]);
	});

	it('encodes every key and value', () => {
		expect(
			encodeQuery([
				['a b', 'c&d=e'],
				['cursor', 'dGVhbTpDMDYxRkE1UEI='],
			]),
		).toBe('a%20b=c%26d%3De&cursor=dGVhbTpDMDYxRkE1UEI%3D');
	});

	it.each(['__domain', '__DOMAIN', ' __domain', '__domain[]'])('guards %j', (name) => {
		expect(() => assertNoReservedDomain([[name, 'x']], 'queryParameters')).toThrow(/reserved/);
	});
});
