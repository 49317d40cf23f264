import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Clock } from '../../../../nodes/Unified/core/call/call';
import {
	callUnified,
	getUnified,
	listConnections,
} from '../../../../nodes/Unified/core/call/unifiedApi';

// Unified's own API (the connection list, xref lookups) goes through the same retry wrapper as the passthrough:
// a loopback server answers from a script, a fake clock records the waits.
let server: Server;
let baseUrl = '';
const script: Array<{ status: number; headers?: Record<string, string>; body: string }> = [];
const seen: string[] = [];
const bodies: string[] = [];

beforeAll(async () => {
	server = createServer((request, response) => {
		seen.push(`${request.method} ${request.url} ${request.headers.authorization}`);
		let text = '';
		request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
		request.on('end', () => bodies.push(`${request.headers['content-type'] ?? ''} ${text}`));
		const step = script.shift() ?? { status: 200, body: '[]' };
		response.writeHead(step.status, { 'content-type': 'application/json', ...step.headers });
		response.end(step.body);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function fakeClock(): Clock & { waits: number[] } {
	const waits: number[] = [];
	return { waits, sleep: async (ms) => void waits.push(ms), now: Date.now };
}

const credentials = () => ({ apiKey: 'sk_unit_key_123', region: 'custom' as const, baseUrl });

describe("calls to Unified.to's own API", () => {
	it('retry a 429 after its Retry-After and return the page', async () => {
		seen.length = 0;
		script.push(
			{ status: 429, headers: { 'retry-after': '7' }, body: '{"message":"Too many requests"}' },
			{ status: 200, body: '[{"id":"conn_1","integration_type":"hubspot"}]' },
		);
		const clock = fakeClock();
		const page = await listConnections(
			{ credentials: credentials(), clock },
			{ limit: 100, offset: 0, externalXref: 'customer-42' },
		);
		expect(page).toEqual([{ id: 'conn_1', integration_type: 'hubspot' }]);
		expect(clock.waits).toEqual([7000]);
		expect(seen).toEqual(
			Array(2).fill(
				'GET /unified/connection?limit=100&offset=0&external_xref=customer-42 Bearer sk_unit_key_123',
			),
		);
	});

	it("fail with Unified's message, the key redacted, after a 401 (not retried)", async () => {
		seen.length = 0;
		script.push({ status: 401, body: '{"message":"Invalid token sk_unit_key_123"}' });
		await expect(
			getUnified({ credentials: credentials(), clock: fakeClock() }, 'unified/connection', []),
		).rejects.toThrow('Unified.to returned 401: Invalid token **hidden**');
		expect(seen).toHaveLength(1);
	});

	it("name Unified.to's API, not a connection, when the network fails", async () => {
		const call = {
			credentials: { ...credentials(), baseUrl: 'http://127.0.0.1:1' },
			clock: fakeClock(),
		};
		await expect(getUnified(call, 'unified/connection', [])).rejects.toThrow(
			/\(Unified\.to API, path unified\/connection\) \(4 attempts/,
		);
	});
});

describe('callUnified (webhook subscriptions)', () => {
	const webhook = {
		hook_url: 'http://127.0.0.1/webhook/x',
		connection_id: 'conn_1',
		event: 'created',
	};

	it('sends the JSON body and answers the parsed webhook', async () => {
		seen.length = 0;
		bodies.length = 0;
		script.push({ status: 200, body: '{"id":"wh_1"}' });
		const answer = await callUnified(
			{ credentials: credentials(), clock: fakeClock() },
			'POST',
			'unified/webhook',
			[['include_all', 'true']],
			webhook,
		);
		expect(answer).toEqual({ id: 'wh_1' });
		expect(seen).toEqual(['POST /unified/webhook?include_all=true Bearer sk_unit_key_123']);
		await new Promise((resolve) => setImmediate(resolve));
		expect(bodies).toEqual([`application/json ${JSON.stringify(webhook)}`]);
	});

	it('retries a POST on a 429 only, never on a 503 (a second create would be a second subscription)', async () => {
		seen.length = 0;
		script.push({ status: 429, body: '{}' }, { status: 200, body: '{"id":"wh_2"}' });
		const clock = fakeClock();
		await expect(
			callUnified({ credentials: credentials(), clock }, 'POST', 'unified/webhook', [], webhook),
		).resolves.toEqual({ id: 'wh_2' });
		expect(seen).toHaveLength(2);

		seen.length = 0;
		script.push(
			{ status: 503, body: '{"message":"busy"}' },
			{ status: 200, body: '{"id":"wh_3"}' },
		);
		await expect(
			callUnified({ credentials: credentials(), clock }, 'POST', 'unified/webhook', [], webhook),
		).rejects.toMatchObject({ message: 'Unified.to returned 503: busy', statusCode: 503 });
		expect(seen).toHaveLength(1);
		script.length = 0;
	});

	it('retries a DELETE on a 503 and reads an empty answer as undefined', async () => {
		seen.length = 0;
		script.push({ status: 503, body: '' }, { status: 200, body: '' });
		await expect(
			callUnified(
				{ credentials: credentials(), clock: fakeClock() },
				'DELETE',
				'unified/webhook/wh_1',
				[],
			),
		).resolves.toBeUndefined();
		expect(seen).toEqual(Array(2).fill('DELETE /unified/webhook/wh_1 Bearer sk_unit_key_123'));
	});
});
