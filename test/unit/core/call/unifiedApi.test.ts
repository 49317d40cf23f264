import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Clock } from '../../../../nodes/Unified/core/call/call';
import { getUnified, listConnections } from '../../../../nodes/Unified/core/call/unifiedApi';

// Unified's own API (the connection list, xref lookups) goes through the same retry wrapper as the passthrough:
// a loopback server answers from a script, a fake clock records the waits.
let server: Server;
let baseUrl = '';
const script: Array<{ status: number; headers?: Record<string, string>; body: string }> = [];
const seen: string[] = [];

beforeAll(async () => {
	server = createServer((request, response) => {
		seen.push(`${request.method} ${request.url} ${request.headers.authorization}`);
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
