import { describe, expect, it } from 'vitest';

import { jsonOf, useSimulator } from '../harness/fixture';

const fixture = useSimulator();

interface Echo {
	method: string;
	path: string;
	query: Array<[string, string]>;
	headers: Record<string, string>;
	bodyText: string;
}

// Parameters without an expression are read once per execution (Passthrough/execute/parameterReader.ts): what each item
// sends must be what it sent when every parameter was read per item.
describe('parameters read once per execution, expressions per item', () => {
	it('resolves each expression per item, wherever it sits, and gives every item the same static values', async () => {
		const items = [
			{ segment: 'first', trace: 't-0', email: 'ann@example.com' },
			{ segment: 'second', trace: 't-1', email: 'bob@example.com' },
			{ segment: 'third', trace: 't-2', email: 'chen@example.com' },
		];
		const result = await fixture.run(
			{
				connection: { __rl: true, mode: 'id', value: 'conn_acme' },
				method: 'POST',
				path: '=echo/{{ $json.segment }}',
				sendQuery: true,
				specifyQuery: 'keypair',
				queryParameters: {
					parameters: [
						{ name: 'limit', value: '10' },
						{ name: 'tag', value: 'static' },
					],
				},
				sendHeaders: true,
				specifyHeaders: 'keypair',
				// One static and one per-item header in the same fixedCollection.
				headerParameters: {
					parameters: [
						{ name: 'X-Static', value: 'same' },
						{ name: 'X-Trace', value: '={{ $json.trace }}' },
					],
				},
				sendBody: true,
				specifyBody: 'keypair',
				bodyParameters: { parameters: [{ name: 'email', value: '={{ $json.email }}' }] },
				options: { timeout: 15000 },
			},
			items,
		);
		expect(result.status).toBe('success');
		const echoes = jsonOf(result.output('Passthrough')) as Echo[];
		expect(echoes.map((echo) => echo.path)).toEqual(['echo/first', 'echo/second', 'echo/third']);
		expect(echoes.map((echo) => echo.headers['x-trace'])).toEqual(['t-0', 't-1', 't-2']);
		expect(echoes.map((echo) => JSON.parse(echo.bodyText) as unknown)).toEqual(
			items.map(({ email }) => ({ email })),
		);
		for (const echo of echoes) {
			expect(echo.method).toBe('POST');
			expect(echo.query).toEqual([
				['limit', '10'],
				['tag', 'static'],
			]);
			expect(echo.headers['x-static']).toBe('same');
		}
		expect(fixture.passthroughCalls()).toEqual([
			'POST conn_acme/echo/first?limit=10&tag=static',
			'POST conn_acme/echo/second?limit=10&tag=static',
			'POST conn_acme/echo/third?limit=10&tag=static',
		]);
	});

	it('sends the same static request for every item, with the defaults of parameters left unset', async () => {
		// No method saved: n8n's description default (GET) applies to every item.
		const result = await fixture.run(
			{ connection: { __rl: true, mode: 'id', value: 'conn_acme' }, path: 'echo/static' },
			[{ n: 0 }, { n: 1 }, { n: 2 }, { n: 3 }],
		);
		expect(result.status).toBe('success');
		const echoes = jsonOf(result.output('Passthrough')) as Echo[];
		expect(echoes).toHaveLength(4);
		expect(new Set(echoes.map((echo) => `${echo.method} ${echo.path}`))).toEqual(
			new Set(['GET echo/static']),
		);
		expect((result.output('Passthrough') ?? []).map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
	});

	it('reads a per-item connection and a per-item option inside a static-looking collection', async () => {
		const result = await fixture.run(
			{
				connection: { __rl: true, mode: 'id', value: '={{ $json.connection }}' },
				method: 'GET',
				path: 'echo/options',
				options: { timeout: 15000, domain: '={{ $json.domain }}' },
			},
			[
				{ connection: 'conn_acme', domain: 'one.example.com' },
				{ connection: 'conn_acme', domain: '' },
			],
		);
		expect(result.status).toBe('success');
		expect(fixture.passthroughCalls()).toEqual([
			'GET conn_acme/echo/options?__domain=one.example.com',
			'GET conn_acme/echo/options',
		]);
	});
});
