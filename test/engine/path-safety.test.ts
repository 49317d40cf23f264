import { describe, expect, it } from 'vitest';

import { jsonOf, useSimulator } from '../harness/fixture';
import { connectionById } from '../harness/workflow';

// Bad parameters fail their item before any request: a path or query written by an AI agent (or injected into
// its prompt) must never reach any Unified endpoint other than this connection's passthrough.
const fixture = useSimulator();

const base = { connection: connectionById('conn_acme'), method: 'GET' };

describe('rejected before any request is sent', () => {
	const rejectedPaths: Array<[string, RegExp]> = [
		['https://api.unified.to/unified/connection', /absolute URL/],
		['//evil.example/x', /absolute URL/],
		['/http://evil.example/x', /absolute URL/],
		['v2/../../unified/connection', /"\." or "\.\." segments/],
		['v2/%2e%2e/%2E%2E/unified/connection', /"\." or "\.\." segments/],
		['v2/%252e%252e/unified', /"\." or "\.\." segments/],
		['v2/./customers', /"\." or "\.\." segments/],
		['v2%2F..%2Funified', /"\." or "\.\." segments/],
		['v2\\customers', /backslash/],
		['v2/customers\r\nX-Injected: 1', /control characters/],
		['v2/cus%0d%0atomers', /control characters/],
		['={{ "  " }}', /Path is empty/],
		['v2/customers?__domain=attacker.example', /reserved by Unified.to/],
		['v2/customers?%5F%5Fdomain=attacker.example', /reserved by Unified.to/],
	];

	it.each(rejectedPaths)('path %j', async (path, message) => {
		const result = await fixture.run({ ...base, path });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Parameter "path": /);
		expect(result.error?.message).toMatch(message);
		expect(fixture.sim.log).toEqual([]);
	});

	it.each(['..', '.', 'conn_acme/../..', 'conn acme', '%2e%2e'])(
		'connection id %j names connection',
		async (id) => {
			const result = await fixture.run({
				...base,
				connection: { __rl: true, mode: 'id', value: id },
				path: 'unified/connection',
			});
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(/^Parameter "connection": .* is not a connection ID/);
			expect(fixture.sim.log).toEqual([]);
		},
	);

	it('__domain in the query parameters names queryParameters', async () => {
		const result = await fixture.run({
			...base,
			path: 'v2/customers',
			sendQuery: true,
			queryParameters: { parameters: [{ name: '__DOMAIN', value: 'attacker.example' }] },
		});
		expect(result.error?.message).toMatch(/^Parameter "queryParameters": .*reserved/);
		expect(fixture.sim.log).toEqual([]);
	});

	it('an Authorization header names headerParameters', async () => {
		const result = await fixture.run({
			...base,
			path: 'v2/customers',
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'Authorization', value: 'Bearer other' }] },
		});
		expect(result.error?.message).toMatch(
			/^Parameter "headerParameters": The header "Authorization" cannot be set/,
		);
		expect(fixture.sim.log).toEqual([]);
	});

	it('a header value with a line break names jsonHeaders', async () => {
		const result = await fixture.run({
			...base,
			path: 'v2/customers',
			sendHeaders: true,
			specifyHeaders: 'json',
			jsonHeaders: '{"x-note": "a\\r\\nx-evil: 1"}',
		});
		expect(result.error?.message).toMatch(/^Parameter "jsonHeaders": .*line break/);
		expect(fixture.sim.log).toEqual([]);
	});

	it('invalid JSON in the body names jsonBody', async () => {
		const result = await fixture.run({
			...base,
			method: 'POST',
			path: 'v2/customers',
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '{"name": ',
		});
		expect(result.error?.message).toMatch(
			/^Parameter "jsonBody": The value in the "JSON Body" field \(jsonBody\) is not valid JSON/,
		);
		expect(fixture.sim.log).toEqual([]);
	});

	it('a bad item fails alone under continueOnFail; the good items are sent', async () => {
		const result = await fixture.run(
			{ ...base, path: '={{ $json.path }}' },
			[
				{ path: 'v2/customers/cus_001' },
				{ path: '../unified/connection' },
				{ path: 'v2/customers/cus_002' },
			],
			{ onError: 'continueRegularOutput' },
		);
		const output = jsonOf(result.output('Passthrough')) as Array<Record<string, unknown>>;
		expect(output[0]).toMatchObject({ id: 'cus_001' });
		expect(output[1].error).toMatch(/^Parameter "path"/);
		expect(output[2]).toMatchObject({ id: 'cus_002' });
		expect(fixture.sim.log.map((entry) => entry.path).sort()).toEqual([
			'v2/customers/cus_001',
			'v2/customers/cus_002',
		]);
	});
});

describe('paths that are fine', () => {
	it('percent-encodes what needs it, keeps the trailing slash, merges ?query with the query parameters', async () => {
		const result = await fixture.run({
			...base,
			path: 'echo/John Doe/a%2Fb/?limit=10&q=a+b',
			sendQuery: true,
			queryParameters: {
				parameters: [
					{ name: 'tag', value: 'x&y' },
					{ name: 'tag', value: 'z' },
				],
			},
			options: { domain: 'eu.acme.example' },
		});
		expect(result.status).toBe('success');
		const [echo] = jsonOf(result.output('Passthrough')) as Array<{
			path: string;
			query: string[][];
		}>;
		expect(echo.path).toBe('echo/John Doe/a/b/');
		expect(echo.query).toEqual([
			['limit', '10'],
			['q', 'a b'],
			['tag', 'x&y'],
			['tag', 'z'],
		]);
		expect(fixture.sim.log[0].rawQuery).toContain('__domain=eu.acme.example');
	});
});
