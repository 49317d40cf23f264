import { describe, expect, it } from 'vitest';

import { detectBodyError } from '../../../../nodes/Unified/core/errors/bodyError';

describe('detectBodyError', () => {
	it('finds Slack ok:false and the needed scope', () => {
		expect(detectBodyError({ ok: true })).toBeUndefined();
		expect(detectBodyError({ data: 1 })).toBeUndefined();
		expect(
			detectBodyError({
				ok: false,
				error: 'missing_scope',
				needed: 'groups:write',
				provided: 'channels:read',
			}),
		).toEqual({
			message: 'Slack returned ok: false: missing_scope',
			description: expect.stringContaining('"groups:write"'),
		});
	});
});
