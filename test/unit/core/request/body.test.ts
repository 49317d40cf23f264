import { describe, expect, it } from 'vitest';

import { type BodyParameters, buildJsonBody } from '../../../../nodes/Unified/core/request/body';
import { withPath } from '../../../../nodes/Unified/core/shared/jsonPath';
import { ParameterError } from '../../../../nodes/Unified/core/errors/parameterError';

const keyValueBody = (names: string[]): BodyParameters => ({
	contentType: 'json',
	specifyBody: 'keypair',
	bodyParameters: names.map((name) => ({ name, value: 'v' })),
	jsonBody: '',
	rawContentType: '',
	body: '',
});

describe('buildJsonBody', () => {
	const parameters = (overrides: Partial<BodyParameters>): BodyParameters => ({
		contentType: 'json',
		specifyBody: 'keypair',
		bodyParameters: [],
		jsonBody: '',
		rawContentType: '',
		body: '',
		...overrides,
	});

	it('nests dotted key/value names and refuses prototype keys', async () => {
		const body = buildJsonBody(
			parameters({
				bodyParameters: [
					{ name: 'properties.email', value: 'a@x' },
					{ name: 'archived', value: false },
				],
			}),
		);
		expect(await body.open()).toBe('{"properties":{"email":"a@x"},"archived":false}');
		expect(() =>
			buildJsonBody(parameters({ bodyParameters: [{ name: '__proto__.polluted', value: 1 }] })),
		).toThrow(/"__proto__.polluted"/);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('accepts a JSON string or an object from an expression', async () => {
		expect(
			await buildJsonBody(parameters({ specifyBody: 'json', jsonBody: '{"a":1}' })).open(),
		).toBe('{"a":1}');
		expect(
			await buildJsonBody(parameters({ specifyBody: 'json', jsonBody: { a: [1] } })).open(),
		).toBe('{"a":[1]}');
		expect(() => buildJsonBody(parameters({ specifyBody: 'json', jsonBody: '{a:1}' }))).toThrow(
			/jsonBody/,
		);
	});
});

describe('key/value JSON bodies', () => {
	it('fail on a field whose dotted name has a prototype key, naming the field', () => {
		expect(() => buildJsonBody(keyValueBody(['ok', 'a.__proto__.polluted']))).toThrow(
			ParameterError,
		);
		expect(() => buildJsonBody(keyValueBody(['a.__proto__.polluted']))).toThrow(
			/The body field "a.__proto__.polluted" has the part "__proto__"/,
		);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('build nested objects for ordinary dotted names', async () => {
		const body = buildJsonBody(keyValueBody(['a.b', 'a.c', 'd']));
		expect(JSON.parse(String(await body.open()))).toEqual({ a: { b: 'v', c: 'v' }, d: 'v' });
	});

	it('withPath still refuses to write a prototype key for its other callers', () => {
		const target = {};
		expect(withPath(target, 'x.__proto__.polluted', true)).toBe(target);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});
});
