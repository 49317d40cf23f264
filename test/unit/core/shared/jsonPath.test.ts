import { describe, expect, it } from 'vitest';

import { unsafeSegment } from '../../../../nodes/Unified/core/shared/jsonPath';

describe('unsafeSegment', () => {
	it('finds a prototype key in any position and form of the path', () => {
		expect(unsafeSegment('__proto__')).toBe('__proto__');
		expect(unsafeSegment('a.b.constructor')).toBe('constructor');
		expect(unsafeSegment('a[0].prototype.x')).toBe('prototype');
		expect(unsafeSegment('a. __proto__ .b')).toBe('__proto__');
		expect(unsafeSegment('a..constructor')).toBe('constructor');
	});

	it('lets ordinary names and look-alikes through', () => {
		for (const path of [
			'a.b',
			'proto',
			'__proto',
			'constructors',
			'my_prototype',
			'__PROTO__',
			'a[__proto__]',
			'',
		]) {
			expect(unsafeSegment(path), path).toBeUndefined();
		}
	});
});
