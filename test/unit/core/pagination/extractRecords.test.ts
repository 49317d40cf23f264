import { describe, expect, it } from 'vitest';

import { extractRecords } from '../../../../nodes/Unified/core/pagination/extractRecords';
import { getPath, withPath } from '../../../../nodes/Unified/core/shared/jsonPath';

describe('records extraction', () => {
	it('uses the records path, else the body list, else the single list field', () => {
		expect(extractRecords({ data: { items: [1, 2] } }, 'data.items', 1)).toEqual([1, 2]);
		expect(extractRecords([3], '', 1)).toEqual([3]);
		expect(
			extractRecords({ ok: true, members: [4], response_metadata: { messages: [] } }, '', 1),
		).toEqual([4]);
	});

	it('fails naming Records Path when nothing or several lists match', () => {
		expect(() => extractRecords({ results: [] }, 'contacts', 2)).toThrow(
			/Page 2 has no list of records at "contacts".*results/,
		);
		expect(() => extractRecords({ ok: true }, '', 1)).toThrow(/no list of records/);
		expect(() => extractRecords({ a: [], b: [] }, '', 1)).toThrow(/several lists \(a, b\)/);
	});

	it('paths read own fields only', () => {
		expect(getPath({ a: [{ b: 1 }] }, 'a[0].b')).toBe(1);
		expect(getPath({}, 'constructor')).toBeUndefined();
		expect(withPath({}, '__proto__.x', 1)).toEqual({});
	});
});
