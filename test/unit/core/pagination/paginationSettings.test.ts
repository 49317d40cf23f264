import { describe, expect, it } from 'vitest';

import { resolvePagination } from '../../../../nodes/Unified/core/pagination/paginationSettings';
import { ParameterError } from '../../../../nodes/Unified/core/errors/parameterError';

describe('settings', () => {
	it('off or absent is no pagination; generic modes need their fields; __domain cannot be a paging parameter', () => {
		expect(resolvePagination(undefined)).toBeUndefined();
		expect(resolvePagination({ mode: 'off' })).toBeUndefined();
		expect(resolvePagination({ mode: 'hubspot' })).toMatchObject({
			maxPages: 100,
			output: 'records',
		});
		expect(() => resolvePagination({ mode: 'cursor' })).toThrow(/Cursor Path/);
		expect(() => resolvePagination({ mode: 'nextUrl' })).toThrow(/Next URL Path/);
		expect(() => resolvePagination({ mode: 'hubspot', maxPages: -1 })).toThrow(ParameterError);
		expect(() =>
			resolvePagination({ mode: 'cursor', cursorPath: 'n', cursorParameter: '__domain' }),
		).toThrow(/reserved/);
	});
});
