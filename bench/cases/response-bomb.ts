import type { BenchCase } from '../run';
import { simulatorProcess } from '../support/simulatorProcess';
import { runWorkflow } from '../../test/harness/engine';
import { connectionById, passthroughWorkflow } from '../../test/harness/workflow';

const MB = 1024 * 1024;

export const benchCase: BenchCase = {
	name: 'response-bomb',
	description:
		'4 items each answered by a brotli-compressed JSON body of a few KB that decodes to 400 MB (BENCH_BOMB_MB to change): peak RSS growth of the n8n process',
	async run() {
		const decoded = Number(process.env.BENCH_BOMB_MB ?? 400) * MB;
		const sim = await simulatorProcess();
		const credentials = { apiKey: sim.apiKey, baseUrl: sim.baseUrl };
		const workflow = (bytes: number, items: number) =>
			passthroughWorkflow(
				Array.from({ length: items }, () => ({})),
				{
					parameters: {
						connection: connectionById('conn_acme'),
						method: 'GET',
						path: `/padded?size=${bytes}&encoding=br`,
					},
				},
			);

		await runWorkflow(workflow(1024, 1), { credentials });
		global.gc?.();
		const baseline = process.memoryUsage().rss;
		let peak = baseline;
		const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
		const started = performance.now();
		const result = await runWorkflow(workflow(decoded, 4), { credentials });
		const elapsed = performance.now() - started;
		clearInterval(sampler);
		peak = Math.max(peak, process.memoryUsage().rss);
		console.log(
			`result: ${result.error ? `error: ${result.error.message}` : `${result.output('Passthrough')?.length} items`}`,
		);
		console.log(`elapsed ${(elapsed / 1000).toFixed(2)} s`);
		console.log(
			`RSS baseline ${(baseline / MB).toFixed(1)} MB, peak ${(peak / MB).toFixed(1)} MB, peak growth ${((peak - baseline) / MB).toFixed(1)} MB`,
		);
		await sim.close();
	},
};
