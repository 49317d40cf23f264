import { gzipSync } from 'node:zlib';

import type { INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { useSimulator } from '../harness/fixture';
import { connectionById } from '../harness/workflow';

// A JSON or text body is held in memory to be parsed: "Max Response Size" bounds it, and reading stops (the
// connection is closed) as soon as the body passes the limit, whatever the upstream sends.
const fixture = useSimulator();

const MB = 1024 * 1024;

/** Acme's `padded` endpoint: `{"padded":true}` and spaces, of any size and encoding (see the simulator). */
const padded = (query: string, options: INodeParameters = {}): INodeParameters => ({
	connection: connectionById('conn_acme'),
	method: 'GET',
	path: `padded?${query}`,
	options,
});

describe('Max Response Size (maxResponseSize)', () => {
	it('reads a JSON body of exactly the limit, and fails one byte over it, naming the option', async () => {
		const exact = await fixture.run(padded(`size=${MB}`, { maxResponseSize: 1 }));
		expect(exact.error).toBeUndefined();
		expect(exact.output('Passthrough')![0].json).toEqual({ padded: true });

		const over = await fixture.run(padded(`size=${MB + 1}`, { maxResponseSize: 1 }));
		expect(over.status).toBe('error');
		expect(over.error?.message).toContain('larger than 1 MB, the "Max Response Size" option');
		expect(over.error?.description).toContain('Raise "Max Response Size" (maxResponseSize)');
		expect(fixture.passthroughCalls()).toEqual([
			`GET conn_acme/padded?size=${MB}`,
			`GET conn_acme/padded?size=${MB + 1}`,
		]);
	});

	it.each(['identity', 'gzip', 'br'])(
		'stops reading an endless %s body at the limit, and does not retry',
		async (encoding) => {
			const result = await fixture.run(
				padded(`size=endless&encoding=${encoding}`, {
					maxResponseSize: 2,
					retry: { settings: { maxRetries: 3, retryOn: '200,429', maxWaitMs: 10 } },
				}),
			);
			expect(result.status).toBe('error');
			expect(result.error?.message).toContain('larger than 2 MB, the "Max Response Size" option');
			expect(fixture.sim.log).toHaveLength(1);
		},
	);

	it('refuses a limit above what one Node.js string holds, before any request', async () => {
		const result = await fixture.run(padded('size=10', { maxResponseSize: 600 }));
		expect(result.error?.message).toMatch(
			/^Parameter "options.maxResponseSize": .*the most it can be is 500/,
		);
		expect(fixture.sim.received).toEqual([]);
	});

	it('bounds a brotli bomb with the default limit (128 MB), as text too', async () => {
		const result = await fixture.run(
			padded('size=endless&encoding=br', { responseFormat: 'text' }),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('larger than 128 MB, the "Max Response Size" option');
		expect(fixture.passthroughCalls()).toEqual(['GET conn_acme/padded?size=endless&encoding=br']);
	});

	it('with continueOnFail the item becomes an error item and the others go on', async () => {
		const result = await fixture.run(
			{
				connection: connectionById('conn_acme'),
				method: 'GET',
				path: '={{ $json.path }}',
				options: { maxResponseSize: 1 },
			},
			[{ path: 'padded?size=endless&encoding=gzip' }, { path: 'v2/customers/cus_001' }],
			{ onError: 'continueRegularOutput' },
		);
		const items = result.output('Passthrough')!.map((item) => item.json);
		expect(items[0].error).toContain('"Max Response Size"');
		expect(items[0].statusCode).toBe(200);
		expect(items[1]).toMatchObject({ id: 'cus_001' });
		expect(fixture.passthroughCalls().sort()).toEqual([
			'GET conn_acme/padded?size=endless&encoding=gzip',
			'GET conn_acme/v2/customers/cus_001',
		]);
	});

	it('cuts an endless error body at 1 MB and still fails with the upstream status', async () => {
		const result = await fixture.run(
			padded('size=endless&status=500&type=text/html', { retry: { settings: { maxRetries: 0 } } }),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Upstream returned 500 Internal Server Error/);
		expect(fixture.passthroughCalls()).toEqual([
			'GET conn_acme/padded?size=endless&status=500&type=text%2Fhtml',
		]);
	});
});

describe('content encodings', () => {
	const layered = (layers: number) => {
		let body = Buffer.from('{"layers": true}');
		for (let layer = 0; layer < layers; layer++) body = gzipSync(body);
		return {
			status: 200,
			headers: {
				'content-type': 'application/json',
				'content-encoding': Array(layers).fill('gzip').join(', '),
			},
			body,
		};
	};

	it('undoes up to three, and refuses more (each is a decoder with its own window in memory)', async () => {
		fixture.sim.faults.add({ kind: 'reply', reply: layered(3), times: 1 });
		const three = await fixture.run(padded('size=1'));
		expect(three.output('Passthrough')![0].json).toEqual({ layers: true });

		fixture.sim.faults.add({ kind: 'reply', reply: layered(4) });
		const four = await fixture.run(padded('size=1'));
		expect(four.status).toBe('error');
		expect(four.error?.message).toContain('at most 3 encodings are undone');
		expect(fixture.sim.log).toHaveLength(2);
	});
});
