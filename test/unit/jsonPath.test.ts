import { describe, expect, it } from 'vitest';

import { buildJsonBody, type BodyParameters } from '../../nodes/UnifiedPassthrough/request/body';
import { ParameterError } from '../../nodes/UnifiedPassthrough/shared/parameterError';
import { unsafeSegment, withPath } from '../../nodes/UnifiedPassthrough/shared/jsonPath';

const keyValueBody = (names: string[]): BodyParameters => ({
	contentType: 'json',
	specifyBody: 'keypair',
	bodyParameters: names.map((name) => ({ name, value: 'v' })),
	jsonBody: '',
	rawContentType: '',
	body: '',
});

describe('unsafeSegment', () => {
	it('finds a prototype key in any position and form of the path', () => {
		expect(unsafeSegment('__proto__')).toBe('__proto__');
		expect(unsafeSegment('a.b.constructor')).toBe('constructor');
		expect(unsafeSegment('a[0].prototype.x')).toBe('prototype');
		expect(unsafeSegment('a. __proto__ .b')).toBe('__proto__');
		expect(unsafeSegment('a..constructor')).toBe('constructor');
	});

	it('lets ordinary names and look-alikes through', () => {
		for (const path of ['a.b', 'proto', '__proto', 'constructors', 'my_prototype', '__PROTO__', 'a[__proto__]', '']) {
			expect(unsafeSegment(path), path).toBeUndefined();
		}
	});
});

describe('key/value JSON bodies', () => {
	it('fail on a field whose dotted name has a prototype key, naming the field', () => {
		expect(() => buildJsonBody(keyValueBody(['ok', 'a.__proto__.polluted']))).toThrow(ParameterError);
		expect(() => buildJsonBody(keyValueBody(['a.__proto__.polluted']))).toThrow(/The body field "a.__proto__.polluted" has the part "__proto__"/);
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
