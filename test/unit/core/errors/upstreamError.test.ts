import { describe, expect, it } from 'vitest';

import {
	extractUpstreamMessage,
	summarizeHttpError,
} from '../../../../nodes/Unified/core/errors/upstreamError';

describe('extractUpstreamMessage', () => {
	it.each([
		[{ statusCode: 401, error: 'Unauthorized', message: 'Invalid token' }, 'Invalid token'],
		[
			{ status: 'error', message: 'Property values were not valid', category: 'VALIDATION_ERROR' },
			'Property values were not valid',
		],
		[{ ok: false, error: 'name_taken' }, 'name_taken'],
		[
			[{ message: 'Required fields are missing: [Name]', errorCode: 'REQUIRED_FIELD_MISSING' }],
			'REQUIRED_FIELD_MISSING: Required fields are missing: [Name]',
		],
		[{ error: { code: 'not_found', message: 'No customer' } }, 'No customer'],
		[{ errors: [{ message: 'first' }] }, 'first'],
		['  plain text  ', 'plain text'],
		[{}, undefined],
	])('%j -> %j', (body, expected) => {
		expect(extractUpstreamMessage(body)).toBe(expected);
	});
});

describe('summarizeHttpError', () => {
	const context = { connectionId: 'conn_1', path: 'x' };

	it('tells Unified errors from upstream errors by shape and the X-EndApi-Response-Time header', () => {
		const body = { statusCode: 401, error: 'Unauthorized', message: 'Invalid token' };
		expect(summarizeHttpError({ ...context, statusCode: 401, headers: {}, body })).toMatchObject({
			message: 'Unified.to returned 401 Unauthorized: Invalid token',
		});
		expect(
			summarizeHttpError({
				...context,
				statusCode: 401,
				headers: { 'x-endapi-response-time': '3ms' },
				body,
			}),
		).toMatchObject({ message: 'Upstream returned 401 Unauthorized: Invalid token' });
	});

	it('gives a status line when the body has no message', () => {
		expect(summarizeHttpError({ ...context, statusCode: 502, headers: {}, body: '' }).message).toBe(
			'Upstream returned 502 Bad Gateway',
		);
	});
});
