import type { BenchCase } from '../run';
import { runWorkflow } from '../../test/harness/engine';
import { connectionById, passthroughWorkflow } from '../../test/harness/workflow';
import { startSimulator, type Simulator } from '../../test/simulator';

const ITEMS = 1000;
/** The rate-limited upstream: 10 calls a second, 100 ms each (a fixed limit of the simulator's own). */
const RATE = { callsPerSecond: 10, latencyMs: 100 };

async function createContacts(sim: Simulator, batched: boolean, tag: string) {
	const items = Array.from({ length: ITEMS }, (_, index) => ({
		body: { properties: { email: `${tag}.${index}@example.com`, firstname: `N${index}` } },
	}));
	const workflow = passthroughWorkflow(items, {
		parameters: {
			connection: connectionById('conn_hubspot'),
			method: 'POST',
			path: batched ? 'crm/v3/objects/contacts/batch/create' : 'crm/v3/objects/contacts',
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={{ JSON.stringify($json.body) }}',
			// Default options otherwise: the flow controller finds the upstream's pace for both runs.
			options: batched ? { batching: { settings: { mode: 'hubspot' } } } : {},
		},
	});
	sim.resetStats();
	const started = performance.now();
	const result = await runWorkflow(workflow, {
		credentials: { apiKey: sim.apiKey, baseUrl: sim.baseUrl },
	});
	const seconds = (performance.now() - started) / 1000;
	const output = result.output('Passthrough') ?? [];
	const failed = output.filter((item) => item.json.error !== undefined).length;
	if (result.status !== 'success' || output.length !== ITEMS || failed > 0)
		throw new Error(
			`run failed: ${result.status} ${result.error?.message ?? ''} (${failed} error items)`,
		);
	const calls = sim.log.length;
	const needed = batched ? Math.ceil(ITEMS / 100) : ITEMS;
	return { seconds, calls, retries: calls - needed };
}

export const benchCase: BenchCase = {
	name: 'batch',
	description: `${ITEMS} HubSpot contact creates, batched (Batching: HubSpot) vs one call per item, against a HubSpot limited to ${RATE.callsPerSecond} calls/s of ${RATE.latencyMs} ms`,
	async run() {
		const sim = await startSimulator({ hubspotRate: RATE });
		const tag = `bench-${Date.now()}`;
		const batched = await createContacts(sim, true, `${tag}-b`);
		console.log(
			`batched:   ${batched.calls} calls (${batched.retries} of them resent after a 429), ${batched.seconds.toFixed(2)} s`,
		);
		const single = await createContacts(sim, false, `${tag}-s`);
		console.log(
			`unbatched: ${single.calls} calls (${single.retries} of them resent after a 429), ${single.seconds.toFixed(2)} s`,
		);
		console.log(
			`batched is ${(single.seconds / batched.seconds).toFixed(1)}x faster with ${((batched.calls / single.calls) * 100).toFixed(1)}% of the calls`,
		);
		await sim.close();
	},
};
