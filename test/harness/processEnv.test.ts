import { afterEach, describe, expect, it } from 'vitest';

import { keepProcessEnv } from './processEnv';

const NAME = 'UNIFIED_HARNESS_ENV_TEST';

afterEach(() => {
	delete process.env[NAME];
	delete process.env[`${NAME}_ADDED`];
});

describe('keepProcessEnv', () => {
	it('removes variables added since the copy', () => {
		const restore = keepProcessEnv();
		process.env[`${NAME}_ADDED`] = 'x';
		restore();
		expect(Object.hasOwn(process.env, `${NAME}_ADDED`)).toBe(false);
	});

	it('puts back changed and deleted variables', () => {
		process.env[NAME] = 'before';
		const restore = keepProcessEnv();
		process.env[NAME] = 'after';
		restore();
		expect(process.env[NAME]).toBe('before');
		delete process.env[NAME];
		restore();
		expect(process.env[NAME]).toBe('before');
	});

	it('leaves variables nobody touched as they are', () => {
		const before = { ...process.env };
		keepProcessEnv()();
		expect({ ...process.env }).toEqual(before);
	});
});
