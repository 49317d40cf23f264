import type { BenchCase } from '../run';
import { ExecutionBudget } from '../../nodes/Unified/core/transport/flow/executionBudget';
import {
	connectionFlow,
	credentialScope,
	forgetAllConnections,
	rememberedConnections,
} from '../../nodes/Unified/core/transport/flow/registry';

const CONNECTIONS = 20_000;

function heapMb(): number {
	(globalThis as { gc?: () => void }).gc?.();
	return process.memoryUsage().heapUsed / 2 ** 20;
}

/**
 * Issue 18 item 11: 20,000 connections busy at once (each holding a slot), then all released. Prints the CPU time
 * of the lookups (an insert beyond the 1,000 bound used to scan every entry for an idle one), how many
 * connections stay remembered after the release, and the heap they hold.
 */
export const benchCase: BenchCase = {
	name: 'flow-registry',
	description: `${CONNECTIONS} busy connections through the flow registry: insert CPU, what stays after release`,
	async run() {
		forgetAllConnections();
		const scope = credentialScope('http://bench.test', 'bench-key');
		const budget = new ExecutionBudget(Infinity, 0);
		const heapBefore = heapMb();
		const cpuBefore = process.cpuUsage();
		// Each one busy before the next is looked up, as executions calling many connections are.
		const permits = await Promise.all(
			Array.from(
				{ length: CONNECTIONS },
				async (_, index) => await connectionFlow(scope, `c${index}`).acquire(budget, 1),
			),
		);
		const cpu = process.cpuUsage(cpuBefore);
		console.log(
			`lookup + acquire of ${CONNECTIONS} connections: ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms of CPU`,
		);
		for (const permit of permits)
			permit.release({ statusCode: 200, headers: {}, latencyMs: 1, maxWaitMs: 1 });
		await new Promise((resolve) => setImmediate(resolve));
		permits.length = 0;
		console.log(
			`after release: ${rememberedConnections()} connections remembered, heap +${(heapMb() - heapBefore).toFixed(1)} MB`,
		);
		forgetAllConnections();
	},
};
