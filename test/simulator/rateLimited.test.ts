import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startSimulator, type Simulator } from './index';

// The rate-limited upstream through plain HTTP, in-process and through the control endpoint. The rates are low
// (a token per 10 s) so that a slow machine cannot refill a bucket within a test.
let sim: Simulator;
beforeAll(async () => {
	sim = await startSimulator();
});
beforeEach(() => sim.resetStats());
afterAll(async () => sim.close());

async function get(path: string) {
	const response = await fetch(`${sim.baseUrl}${path}`, {
		headers: { authorization: `Bearer ${sim.apiKey}` },
	});
	return {
		status: response.status,
		headers: Object.fromEntries(response.headers),
		text: await response.text(),
	};
}

async function burst(connectionId: string, count: number) {
	return Promise.all(
		Array.from({ length: count }, (_, index) => get(`/passthrough/${connectionId}/items/${index}`)),
	);
}

const paceHeaders = (headers: Record<string, string>) =>
	Object.keys(headers)
		.filter((name) => name.startsWith('x-hubspot-ratelimit') || name === 'retry-after')
		.sort();

describe('a rate-limited connection', () => {
	it('serves its burst, then answers HubSpot 429s with pace headers and no Retry-After', async () => {
		const id = sim.rateLimited({ rate: 0.1, burst: 3, latencyMs: 0 });
		const answers = await burst(id, 5);
		const served = answers.filter((answer) => answer.status === 200);
		const refused = answers.filter((answer) => answer.status === 429);
		expect([served.length, refused.length]).toEqual([3, 2]);
		expect(JSON.parse(refused[0].text)).toEqual({
			status: 'error',
			message: 'You have reached your secondly limit.',
			errorType: 'RATE_LIMIT',
			policyName: 'SECONDLY',
		});
		for (const answer of answers) {
			expect(paceHeaders(answer.headers)).toEqual([
				'x-hubspot-ratelimit-interval-milliseconds',
				'x-hubspot-ratelimit-max',
				'x-hubspot-ratelimit-remaining',
			]);
			expect(answer.headers['x-hubspot-ratelimit-max']).toBe('3');
			expect(answer.headers['x-hubspot-ratelimit-interval-milliseconds']).toBe('30000');
		}
		expect(served.map((answer) => answer.headers['x-hubspot-ratelimit-remaining']).sort()).toEqual([
			'0',
			'1',
			'2',
		]);
		expect(JSON.parse(served[0].text)).toMatchObject({
			method: 'GET',
			path: expect.stringMatching(/^items\/\d$/),
		});
	});

	it('adds Retry-After: 1 to its 429s in the retryAfter style', async () => {
		const id = sim.rateLimited({ rate: 0.1, burst: 1, latencyMs: 0, style: 'retryAfter' });
		const [, refused] = (await burst(id, 2)).sort((a, b) => a.status - b.status);
		expect(refused.status).toBe(429);
		expect(refused.headers['retry-after']).toBe('1');
		expect(refused.headers['x-hubspot-ratelimit-remaining']).toBe('0');
	});

	it('sends a bare 429 and no pace headers at all in the bare style', async () => {
		const id = sim.rateLimited({ rate: 0.1, burst: 1, latencyMs: 0, style: 'bare' });
		const answers = (await burst(id, 2)).sort((a, b) => a.status - b.status);
		expect(answers.map((answer) => answer.status)).toEqual([200, 429]);
		expect(answers[1].text).toBe('Too Many Requests');
		for (const answer of answers) expect(paceHeaders(answer.headers)).toEqual([]);
	});

	it('counts calls, served, 429s, calls per id and the peak in flight, and starts afresh on reset', async () => {
		const id = sim.rateLimited({ rate: 0.1, burst: 2, latencyMs: 50 });
		await Promise.all([
			get(`/passthrough/${id}/items/a`),
			get(`/passthrough/${id}/items/a`),
			get(`/passthrough/${id}/items/b?x=1`),
		]);
		const counters = sim.rateLimitCounters(id);
		expect(counters).toMatchObject({
			calls: 3,
			served: 2,
			rejected: 1,
			callsById: { a: 2, b: 1 },
			inFlight: 0,
		});
		expect(counters.maxInFlight).toBeGreaterThanOrEqual(2);
		expect(counters.lastServedAt).toBeGreaterThanOrEqual(counters.firstCallAt);
		sim.resetStats();
		expect(sim.rateLimitCounters(id)).toMatchObject({ calls: 0, callsById: {} });
		expect((await burst(id, 2)).map((answer) => answer.status)).toEqual([200, 200]);
	});

	it('keeps one bucket per connection', async () => {
		const first = sim.rateLimited({ rate: 0.1, burst: 1, latencyMs: 0 });
		const second = sim.rateLimited({ rate: 0.1, burst: 1, latencyMs: 0 });
		expect(first).not.toBe(second);
		expect((await get(`/passthrough/${first}/x`)).status).toBe(200);
		expect((await get(`/passthrough/${second}/x`)).status).toBe(200);
		expect((await get(`/passthrough/${first}/x`)).status).toBe(429);
	});

	it('refuses options it cannot apply, naming them', () => {
		expect(() => sim.rateLimited({ rate: 0 })).toThrow(/"rate"/);
		expect(() => sim.rateLimited({ rate: 5, style: 'ietf' as never })).toThrow(/"style" is one of/);
		expect(() => sim.rateLimited({ rate: 5, id: 'conn_acme' })).toThrow(/not rate-limited/);
	});
});

describe('the control endpoint', () => {
	async function control(method: string, path: string, body?: unknown) {
		const response = await fetch(`${sim.baseUrl}${path}`, {
			method,
			headers: { authorization: `Bearer ${sim.apiKey}`, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: response.status, body: (await response.json()) as Record<string, unknown> };
	}

	it('adds a rate-limited connection under a chosen id, reports its counters and resets them', async () => {
		const added = await control('POST', '/_sim/rate-limited', {
			rate: 0.1,
			burst: 1,
			latencyMs: 0,
			style: 'retryAfter',
			id: 'conn_rl_control',
		});
		expect(added).toEqual({ status: 201, body: { connectionId: 'conn_rl_control' } });
		await burst('conn_rl_control', 2);
		expect((await control('GET', '/_sim/rate-limited/conn_rl_control')).body).toMatchObject({
			calls: 2,
			served: 1,
			rejected: 1,
		});
		const reset = await control('POST', '/_sim/rate-limited/conn_rl_control/reset');
		expect(reset.body).toMatchObject({ calls: 0, served: 0 });
		// The connection is listed like any other.
		const listed = await control('GET', '/unified/connection?limit=100');
		expect(JSON.stringify(listed.body)).toContain('conn_rl_control');
	});

	it('answers bad options and unknown connections with a 400 that says why', async () => {
		expect(await control('POST', '/_sim/rate-limited', { rate: 5, burts: 5 })).toMatchObject({
			status: 400,
			body: { message: expect.stringMatching(/unknown key burts/) },
		});
		expect(await control('GET', '/_sim/rate-limited/conn_nope')).toMatchObject({
			status: 400,
			body: { message: 'connection conn_nope is not rate-limited' },
		});
	});
});
