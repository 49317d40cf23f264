import { describe, expect, it } from 'vitest';

import { buildHeaders } from '../../../../nodes/Unified/core/request/headers';

describe('buildHeaders', () => {
	it('lower-cases names and stringifies values', () => {
		expect(
			buildHeaders(
				[
					['X-Api-Version', '2023-06-01'],
					['X-Count', 3],
				],
				'headerParameters',
			),
		).toEqual({
			'x-api-version': '2023-06-01',
			'x-count': '3',
		});
	});

	it.each([
		[['Authorization', 'Bearer x']],
		[['host', 'evil']],
		[['bad name', 'x']],
		[['x-a', 'line\nbreak']],
		[['x-a', 'nul\u0000']],
	])('rejects %j', (entry) => {
		expect(() => buildHeaders([entry as [string, unknown]], 'headerParameters')).toThrow();
	});
});
