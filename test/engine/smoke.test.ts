import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runWorkflow } from '../harness/engine';
import { connectionById, passthroughWorkflow } from '../harness/workflow';
import { startSimulator, type Simulator } from '../simulator';

let sim: Simulator;
beforeAll(async () => {
	sim = await startSimulator();
});
afterAll(async () => sim.close());

describe('smoke', () => {
	it('GET /v2/customers', async () => {
		const result = await runWorkflow(
			passthroughWorkflow([{}], { parameters: { connection: connectionById('conn_acme'), method: 'GET', path: '/v2/customers' } }),
			{ credentials: { apiKey: sim.apiKey, baseUrl: sim.baseUrl } },
		);
		expect(result.status).toBe('success');
	});
});
