import type { INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import {
	executionParameterReader,
	holdsExpression,
} from '../../../../nodes/Unified/Passthrough/execute/parameterReader';

describe('holdsExpression', () => {
	it.each([
		['=/v2/{{ $json.id }}', true],
		['={{ 1 }}', true],
		['/v2/customers', false],
		['a = b', false],
		['', false],
		[' =leading space', false],
		[42, false],
		[true, false],
		[null, false],
		[undefined, false],
	])('%j -> %s', (value, expected) => {
		expect(holdsExpression(value)).toBe(expected);
	});

	it('finds one at any depth of a collection, a fixedCollection or a resource locator', () => {
		expect(holdsExpression({ timeout: 30000, domain: '={{ $json.domain }}' })).toBe(true);
		expect(
			holdsExpression({
				parameters: [
					{ name: 'limit', value: '10' },
					{ name: 'after', value: '={{ $json.cursor }}' },
				],
			}),
		).toBe(true);
		expect(holdsExpression({ __rl: true, mode: 'id', value: '={{ $json.connection }}' })).toBe(
			true,
		);
		expect(holdsExpression({ retry: { settings: { maxRetries: 3, on: ['429', '5xx'] } } })).toBe(
			false,
		);
		expect(holdsExpression({ __rl: true, mode: 'list', value: 'conn_acme' })).toBe(false);
		expect(holdsExpression([[['=deep']]])).toBe(true);
	});

	it('does not take a key that starts with "=" for an expression', () => {
		expect(holdsExpression({ '=key': 'value' })).toBe(false);
	});
});

/** n8n's getNodeParameter reduced to what the reader relies on: a value per item, counted calls. */
function countingContext(values: Record<string, (itemIndex: number) => unknown>) {
	const calls: string[] = [];
	return {
		calls,
		context: {
			getNodeParameter: ((name: string, itemIndex: number, fallback?: unknown) => {
				calls.push(`${name}#${itemIndex}`);
				return name in values ? values[name](itemIndex) : fallback;
			}) as never,
		},
	};
}

describe('executionParameterReader', () => {
	const saved: INodeParameters = {
		method: 'GET',
		path: '=/items/{{ $json.id }}',
		options: { timeout: 1000, tags: ['a'] },
		connection: { __rl: true, mode: 'id', value: 'conn_acme' },
	};

	it('reads a parameter without an expression once, one with an expression per item', () => {
		const { calls, context } = countingContext({
			method: () => 'GET',
			path: (item) => `/items/${item}`,
			options: () => ({ timeout: 1000, tags: ['a'] }),
			connection: () => 'conn_acme',
		});
		const readerFor = executionParameterReader(context, saved);
		const read = [0, 1, 2].map((item) => {
			const reader = readerFor(item);
			return [
				reader('method', ''),
				reader('path', ''),
				reader('options', {}),
				reader('connection', ''),
			];
		});
		expect(read).toEqual([
			['GET', '/items/0', { timeout: 1000, tags: ['a'] }, 'conn_acme'],
			['GET', '/items/1', { timeout: 1000, tags: ['a'] }, 'conn_acme'],
			['GET', '/items/2', { timeout: 1000, tags: ['a'] }, 'conn_acme'],
		]);
		expect(calls).toEqual(['method#0', 'path#0', 'options#0', 'connection#0', 'path#1', 'path#2']);
	});

	it('gives each item its own copy of a cached object', () => {
		const { context } = countingContext({ options: () => ({ timeout: 1000, tags: ['a'] }) });
		const readerFor = executionParameterReader(context, saved);
		const first = readerFor(0)<{ timeout: number; tags: string[] }>('options', {
			timeout: 0,
			tags: [],
		});
		first.timeout = 1;
		first.tags.push('changed');
		expect(readerFor(1)('options', {})).toEqual({ timeout: 1000, tags: ['a'] });
	});

	it('reads a parameter left at its default once per fallback, and a dotted path per item', () => {
		const { calls, context } = countingContext({ 'options.timeout': () => 1000 });
		const readerFor = executionParameterReader(context, saved);
		expect(readerFor(0)('sendBody', false)).toBe(false);
		expect(readerFor(1)('sendBody', false)).toBe(false);
		expect(readerFor(1)('sendBody', true)).toBe(true);
		expect(readerFor(0)('options.timeout', 0)).toBe(1000);
		expect(readerFor(1)('options.timeout', 0)).toBe(1000);
		expect(calls).toEqual(['sendBody#0', 'sendBody#1', 'options.timeout#0', 'options.timeout#1']);
	});

	it('does not keep a read n8n refused: the next item reads it again and gets its own error', () => {
		const { calls, context } = countingContext({
			method: (item) => {
				throw new Error(`refused for item ${item}`);
			},
		});
		const readerFor = executionParameterReader(context, saved);
		expect(() => readerFor(0)('method', '')).toThrow('refused for item 0');
		expect(() => readerFor(1)('method', '')).toThrow('refused for item 1');
		expect(calls).toEqual(['method#0', 'method#1']);
	});
});
