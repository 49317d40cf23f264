import type { BenchCase } from '../run';
import {
	formatRegime,
	RATE_LIMIT_REGIMES,
	type RateLimitRegime,
	type RegimeResult,
} from '../support/rateLimitRegimes';
import { simulatorProcess, type SimulatorProcess } from '../support/simulatorProcess';
import { runWorkflow } from '../../test/harness/engine';
import { connectionById, passthroughWorkflow } from '../../test/harness/workflow';

/**
 * Issue 11's rate-limit regimes through the engine: one GET per item against the simulator's rate-limited upstream,
 * the node's default options. On Error is "Continue (using regular output)" so that every item's outcome is counted
 * (the node's own options stay at their defaults).
 */
async function execution(
	sim: SimulatorProcess,
	connectionId: string,
	items: number,
	offset: number,
): Promise<number> {
	const workflow = passthroughWorkflow(
		Array.from({ length: items }, (_, index) => ({ id: offset + index })),
		{
			parameters: {
				connection: connectionById(connectionId),
				method: 'GET',
				path: '=/items/{{ $json.id }}',
			},
			settings: { onError: 'continueRegularOutput' },
		},
	);
	const result = await runWorkflow(workflow, {
		credentials: { apiKey: sim.apiKey, baseUrl: sim.baseUrl },
	});
	return (result.output('Passthrough') ?? []).filter((item) => item.json.error === undefined)
		.length;
}

async function runRegime(
	sim: SimulatorProcess,
	regime: RateLimitRegime,
	index: number,
): Promise<RegimeResult> {
	const connectionId = await sim.rateLimited({ ...regime.limit, id: `conn_bench_rl_${index}` });
	const started = performance.now();
	let offset = 0;
	const ok = await Promise.all(
		regime.executions.map((items) => {
			const run = execution(sim, connectionId, items, offset);
			offset += items;
			return run;
		}),
	);
	const seconds = (performance.now() - started) / 1000;
	const counters = await sim.rateLimitCounters(connectionId);
	return {
		itemsOk: ok.reduce((sum, count) => sum + count, 0),
		items: offset,
		rejected: counters.rejected,
		calls: counters.calls,
		maxInFlight: counters.maxInFlight,
		seconds,
	};
}

export const benchCase: BenchCase = {
	name: 'rate-limit',
	description:
		"issue 11's rate-limit regimes: items ok, 429s, calls and time as a multiple of the floor, default node options",
	async run() {
		const sim = await simulatorProcess();
		try {
			// Warm-up on an unlimited connection: JIT, the package load, keep-alive sockets.
			await execution(sim, 'conn_acme', 20, 0).catch(() => 0);
			for (const [index, regime] of RATE_LIMIT_REGIMES.entries()) {
				console.log(formatRegime(regime, await runRegime(sim, regime, index)));
			}
		} finally {
			await sim.close();
		}
	},
};
