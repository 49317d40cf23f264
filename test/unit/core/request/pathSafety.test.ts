import { describe, expect, it } from 'vitest';

import { assertSafePath } from '../../../../nodes/Unified/core/request/pathSafety';

describe('assertSafePath', () => {
	it.each(['a/%FF', 'a/%C0%AF', 'a/%ED%A0%80'])(
		'refuses escapes that are not UTF-8: %j',
		(path) => {
			expect(() => assertSafePath(path)).toThrow(/not UTF-8/);
		},
	);

	it('refuses more layers of encoding than any server decodes', () => {
		expect(() => assertSafePath('a/%252525252541')).toThrow(/too many times/);
	});

	it.each(['a/b', 'files/100%25', 'files/%25zz', 'v2/a;version=2', 'v2/a..b', 'r%C3%A9sum%C3%A9'])(
		'accepts %j',
		(path) => {
			expect(() => assertSafePath(path)).not.toThrow();
		},
	);
});
