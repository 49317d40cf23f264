import { describe, expect, it } from 'vitest';

import {
	jsonMayHideSecret,
	redactCutOffSecret,
	redactHeaders,
	redactSecret,
	redactSecretDeep,
} from '../../../../nodes/Unified/core/shared/redact';

const KEYS = [
	'sim_test_key_d41d8cd98f00b204e9800998ecf8427e',
	'sk_live/AB+cd"ef\\gh\tij',
	'ключ-секрет-1234',
	'\ud83d\udd11-emoji-key-\ud83d\ude00',
];

const unicodeEscape = (codeUnit: number, upper: boolean) => {
	const hex = codeUnit.toString(16).padStart(4, '0');
	return `\\u${upper ? hex.toUpperCase() : hex}`;
};

const SHORT: Record<string, string> = { '"': '\\"', '\\': '\\\\', '/': '\\/', '\t': '\\t' };

/** The key as a JSON string literal, with the code units at `positions` escaped in the given way. */
function jsonLiteral(
	secret: string,
	positions: Set<number>,
	style: 'lower' | 'upper' | 'short',
): string {
	let literal = '"';
	for (let index = 0; index < secret.length; index++) {
		const character = secret[index];
		const mustEscape = character === '"' || character === '\\' || character.charCodeAt(0) < 0x20;
		if (positions.has(index) || mustEscape) {
			literal +=
				style === 'short' && SHORT[character]
					? SHORT[character]
					: unicodeEscape(character.charCodeAt(0), style === 'upper');
		} else {
			literal += character;
		}
	}
	return `${literal}"`;
}

/** What readResponse does: redact the text, parse, and walk only when the gate says so. */
function readJson(text: string, secret: string): unknown {
	const redacted = redactSecret(text, secret);
	const parsed = JSON.parse(redacted) as unknown;
	return jsonMayHideSecret(redacted, secret) ? redactSecretDeep(parsed, secret) : parsed;
}

describe('the key never survives JSON parsing, however it is escaped', () => {
	for (const secret of KEYS) {
		it(`key ${JSON.stringify(secret.slice(0, 12))}…: every single position, every escape style, as value and as key`, () => {
			for (const style of ['lower', 'upper', 'short'] as const) {
				for (let index = 0; index < secret.length; index++) {
					const literal = jsonLiteral(secret, new Set([index]), style);
					const text = `{"a": ${literal}, ${literal}: [1, {"b": "x${literal.slice(1, -1)}y"}]}`;
					const parsed = readJson(text, secret);
					expect(JSON.stringify(parsed)).not.toContain(JSON.stringify(secret).slice(1, -1));
					expect(JSON.stringify(parsed)).toContain('**hidden**');
				}
			}
		});

		it(`key ${JSON.stringify(secret.slice(0, 12))}…: random sets of escaped positions`, () => {
			let seed = 7;
			const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
			for (let round = 0; round < 200; round++) {
				const positions = new Set(
					Array.from({ length: secret.length }, (_, index) => index).filter(() => random() < 0.3),
				);
				const text = `[${jsonLiteral(secret, positions, random() < 0.5 ? 'lower' : 'upper')}]`;
				expect(readJson(text, secret)).toEqual(['**hidden**']);
			}
		});
	}
});

describe('jsonMayHideSecret', () => {
	const secret = KEYS[0];

	it("is false for bodies without escapes of the key's characters", () => {
		expect(jsonMayHideSecret('{"a": "plain"}', secret)).toBe(false);
		expect(
			jsonMayHideSecret('{"a": "line\\nbreak \\"quoted\\" caf\\u00e9 \\u4e2d\\/"}', secret),
		).toBe(false);
		expect(jsonMayHideSecret('{"a": "\\u0073"}', 'abc')).toBe(false);
	});

	it('is true for an escape of any of its characters, in either case', () => {
		expect(jsonMayHideSecret('"\\u0073"', secret)).toBe(true);
		expect(jsonMayHideSecret('"\\u005F"', secret)).toBe(true);
		expect(jsonMayHideSecret('"\\u005f"', secret)).toBe(true);
		expect(jsonMayHideSecret('"\\/"', 'key/with/slash')).toBe(true);
		expect(jsonMayHideSecret('"\\/"', secret)).toBe(false);
	});
});

describe('redactSecretDeep', () => {
	const secret = 'secret-key-1234';

	it('redacts strings and keys at any depth, in place, keeping the key order and other values', () => {
		const value = {
			a: 1,
			[`k ${secret}`]: [`v ${secret}`, null, true, 2.5, { b: secret }],
			c: 'plain',
		};
		expect(redactSecretDeep(value, secret)).toBe(value);
		expect(Object.keys(value)).toEqual(['a', 'k **hidden**', 'c']);
		expect(value).toEqual({
			a: 1,
			'k **hidden**': ['v **hidden**', null, true, 2.5, { b: '**hidden**' }],
			c: 'plain',
		});
	});

	it('keeps a parsed "__proto__" key a plain key', () => {
		const value = JSON.parse(
			`{"__proto__": "${secret}", "${secret}": {"__proto__": {"x": "${secret}"}}}`,
		) as Record<string, unknown>;
		redactSecretDeep(value, secret);
		expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
		expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toBe('**hidden**');
		const inner = value['**hidden**'] as Record<string, unknown>;
		expect(Object.getPrototypeOf(inner)).toBe(Object.prototype);
		expect(Object.getOwnPropertyDescriptor(inner, '__proto__')?.value).toEqual({ x: '**hidden**' });
	});

	it('walks bodies nested deeper than the call stack', () => {
		const depth = 200_000;
		const value = JSON.parse(`${'['.repeat(depth)}"${secret}"${']'.repeat(depth)}`) as unknown;
		expect(() => redactSecretDeep(value, secret)).not.toThrow();
		let inner = value;
		while (Array.isArray(inner)) inner = inner[0];
		expect(inner).toBe('**hidden**');
	});

	it('returns a redacted top-level string, and leaves everything alone for a short key', () => {
		expect(redactSecretDeep(`a ${secret}`, secret)).toBe('a **hidden**');
		expect(redactSecretDeep({ abc: 'abc' }, 'abc')).toEqual({ abc: 'abc' });
	});
});

describe('redactCutOffSecret', () => {
	const secret = 'secret-key-1234';

	it.each([
		['body ending in secret-k', 'body ending in **hidden**'],
		['body ending in s', 'body ending in **hidden**'],
		['body ending in secret-key-123\ufffd', 'body ending in **hidden**'],
		['nothing at the end', 'nothing at the end'],
		[
			'ends in secret-key-1234 whole, already redacted elsewhere',
			'ends in secret-key-1234 whole, already redacted elsewhere',
		],
	])('%j -> %j', (text, expected) => {
		expect(redactCutOffSecret(text, secret)).toBe(expected);
	});
});

describe('redactHeaders', () => {
	it('redacts header names too', () => {
		expect(redactHeaders({ 'x-secret-key-1234': 'a', other: 'b' }, 'secret-key-1234')).toEqual({
			'x-**hidden**': 'a',
			other: 'b',
		});
	});

	it('redacts the key from header values and keeps the object when nothing matches', () => {
		const clean = { 'x-a': '1' };
		expect(redactHeaders(clean, 'secret-key')).toBe(clean);
		expect(
			redactHeaders(
				{ 'x-echo': 'Bearer secret-key', 'set-cookie': ['a=secret-key'] },
				'secret-key',
			),
		).toEqual({
			'x-echo': 'Bearer **hidden**',
			'set-cookie': ['a=**hidden**'],
		});
	});
});

describe('redactSecret', () => {
	it('replaces every occurrence, and leaves short or absent secrets alone', () => {
		expect(redactSecret('key=abcd1234 and abcd1234', 'abcd1234')).toBe(
			'key=**hidden** and **hidden**',
		);
		expect(redactSecret('abc', '')).toBe('abc');
	});
});
