import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSimulator, type Simulator } from './index';

// The simulator on its own, through plain HTTP: what tests rely on when they make it misbehave.
let first: Simulator;
let second: Simulator;
beforeAll(async () => {
	first = await startSimulator({ extraConnections: 2 });
	second = await startSimulator();
});
afterAll(async () => {
	await first.close();
	await second.close();
});

async function call(
	sim: Simulator,
	method: string,
	path: string,
	headers: Record<string, string> = {},
	body?: string,
) {
	const response = await fetch(`${sim.baseUrl}${path}`, {
		method,
		headers: { authorization: `Bearer ${sim.apiKey}`, ...headers },
		body,
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the simulator', () => {
	it('answers an x-sim-fault header with an unknown key with a 400 that names it', async () => {
		const { status, body } = await call(first, 'GET', '/passthrough/conn_acme/v2/customers', {
			'x-sim-fault': 'kind=status;stauts=503',
		});
		expect(status).toBe(400);
		expect(body).toMatchObject({
			statusCode: 400,
			error: 'Bad Request',
			message: expect.stringMatching(/^x-sim-fault: unknown key "stauts"/),
		});
	});

	it('applies a header fault only after `after` matching requests', async () => {
		const statuses = [];
		for (let index = 0; index < 3; index++) {
			statuses.push(
				(
					await call(first, 'GET', '/passthrough/conn_acme/v2/customers', {
						'x-sim-fault': 'kind=status;status=503;after=2;key=after-test',
					})
				).status,
			);
		}
		expect(statuses).toEqual([200, 200, 503]);
	});

	it('fails a connection whose integration has no upstream, instead of answering as another one', async () => {
		const { status, body } = await call(first, 'GET', '/passthrough/conn_extra_0000/v2/customers');
		expect(status).toBe(500);
		expect(body.message).toBe('The simulator has no upstream for integration zendesk');
	});

	it('keeps its counters per instance: each simulator numbers its own created customers', async () => {
		const create = (sim: Simulator) =>
			call(
				sim,
				'POST',
				'/passthrough/conn_acme/v2/customers',
				{ 'content-type': 'application/json' },
				'{"name": "A"}',
			);
		expect((await create(first)).body.id).toBe('cus_new_1');
		expect((await create(first)).body.id).toBe('cus_new_2');
		expect((await create(second)).body.id).toBe('cus_new_1');
	});
});
