import type { BenchCase } from '../run';
import { runWorkflow } from '../../test/harness/engine';
import { connectionById, passthroughWorkflow } from '../../test/harness/workflow';
import { startSimulator } from '../../test/simulator';

export const benchCase: BenchCase = {
	name: 'single-call',
	description: 'one GET through the engine, cold and warm (engine + node overhead per execution)',
	async run() {
		const sim = await startSimulator();
		const workflow = passthroughWorkflow([{}], {
			parameters: { connection: connectionById('conn_acme'), method: 'GET', path: '/v2/customers' },
		});
		const credentials = { apiKey: sim.apiKey, baseUrl: sim.baseUrl };
		let started = performance.now();
		await runWorkflow(workflow, { credentials });
		console.log(`cold execution: ${(performance.now() - started).toFixed(1)} ms`);
		const runs = 50;
		started = performance.now();
		for (let index = 0; index < runs; index++) await runWorkflow(workflow, { credentials });
		console.log(
			`warm execution: ${((performance.now() - started) / runs).toFixed(2)} ms per execution (${runs} runs)`,
		);
		await sim.close();
	},
};
