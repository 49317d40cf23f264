import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IRun } from 'n8n-workflow';

import {
	formatRegime,
	RATE_LIMIT_REGIMES,
	type RateLimitRegime,
	type RegimeResult,
} from '../../bench/support/rateLimitRegimes';
import type { SimulatorProcess } from '../../bench/support/simulatorProcess';
import { output } from './cases';
import { connectionById, itemsInto, passthroughNode } from './workflows';
import type { N8nCli, WorkflowJson } from './n8n';

// Figures from real n8n: issue 11's rate-limit regimes, and the per-item CPU cost of one expression per item
// against n8n's own Edit Fields node. Each run is a fresh `n8n execute` (two executions at once: one
// `n8n executeBatch`); times are the node's own execution time.

const LOOPBACK_CONNECTION = 'conn_e2e_loopback';
const LOOPBACK_ITEMS = 2000;
const EXPRESSION = '=/items/{{ $json.id }}';

/** `count` items `{id}` from `first` on. */
const itemIds = (count: number, first = 0) =>
	Array.from({ length: count }, (_, index) => ({ id: first + index }));

/** This node, GET one item's path, on a connection. */
const callNode = (connectionId: string, settings: Record<string, unknown> = {}) =>
	passthroughNode(
		{ connection: connectionById(connectionId), method: 'GET', path: EXPRESSION },
		settings,
	);

const regimeConnection = (index: number) => `conn_e2e_rl_${index}`;

export interface PerfCases {
	workflows: WorkflowJson[];
	/** Each regime, with the ids of its workflows, one per execution. */
	regimes: Array<{ regime: RateLimitRegime; ids: string[]; connectionId: string }>;
}

/** The workflows: one per execution of each rate-limit regime, and the loopback CPU pair. */
export function perfWorkflows(selected: (title: string) => boolean): PerfCases {
	const regimes = RATE_LIMIT_REGIMES.map((regime, index) => ({
		regime,
		// executeBatch takes only ids with a digit in them.
		ids: regime.executions.map((_, execution) => `e2eRateLimit${index}x${execution}`),
		connectionId: regimeConnection(index),
	})).filter(({ regime }) => selected(`rate-limit: ${regime.name}`));
	const workflows = regimes.flatMap(({ regime, ids, connectionId }) => {
		let first = 0;
		return regime.executions.map((count, execution) => {
			const workflow = itemsInto(
				ids[execution],
				`e2e: rate-limit ${regime.name} (${execution + 1})`,
				itemIds(count, first),
				// Continue on error, so that every item's outcome counts; the node's options stay at their defaults.
				callNode(connectionId, { onError: 'continueRegularOutput' }),
			);
			first += count;
			return workflow;
		});
	});
	if (selected('loopback CPU')) {
		workflows.push(
			itemsInto(
				'e2eCpuOurs',
				'e2e: loopback CPU, Passthrough',
				itemIds(LOOPBACK_ITEMS),
				callNode(LOOPBACK_CONNECTION),
			),
			itemsInto('e2eCpuSet', 'e2e: loopback CPU, Edit Fields', itemIds(LOOPBACK_ITEMS), {
				id: 'set',
				name: 'Edit Fields',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [400, 0],
				parameters: {
					mode: 'manual',
					assignments: {
						assignments: [{ id: 'path', name: 'path', value: EXPRESSION, type: 'string' }],
					},
					options: {},
				},
			}),
		);
	}
	return { workflows, regimes };
}

/** Runs one workflow, keeps its output in the log folder, and returns its run. */
async function execute(n8n: N8nCli, id: string, logDir: string): Promise<IRun> {
	const execution = await n8n.execute(id);
	const logFile = join(logDir, `${id}.log`);
	writeFileSync(logFile, execution.output);
	assert.ok(
		execution.run,
		`no run of ${id} in its output (exit ${execution.code}; log: ${logFile})`,
	);
	return execution.run;
}

function nodeTask(run: IRun, node: string) {
	const tasks = run.data.resultData.runData[node];
	assert.ok(tasks?.length, `node "${node}" did not run`);
	return tasks[tasks.length - 1];
}

/** The runs of one regime's executions: one `n8n execute`, or one `n8n executeBatch` for several at once. */
async function regimeRuns(n8n: N8nCli, ids: string[], logDir: string): Promise<IRun[]> {
	if (ids.length === 1) return [await execute(n8n, ids[0], logDir)];
	const batch = await n8n.executeBatch(ids);
	const logFile = join(logDir, `${ids.join('-')}.log`);
	writeFileSync(logFile, batch.output);
	return ids.map((id) => {
		const run = batch.runs[id];
		assert.ok(run, `no run of ${id} from n8n executeBatch (log: ${logFile})`);
		return run;
	});
}

/**
 * Runs each regime once, on a fresh bucket, and prints its figures; its time runs from the first execution's node
 * start to the last one's end.
 */
export async function runRegimes(
	n8n: N8nCli,
	sim: SimulatorProcess,
	cases: PerfCases,
	logDir: string,
	log: (line?: string) => void,
): Promise<void> {
	if (!cases.regimes.length) return;
	log();
	log(
		'Rate limits (one GET per item, default node options, On Error: Continue; node execution time):',
	);
	for (const { regime, ids, connectionId } of cases.regimes) {
		await sim.rateLimited({ ...regime.limit, id: connectionId });
		const runs = await regimeRuns(n8n, ids, logDir);
		const items = runs.flatMap((run) => output(run, 'Passthrough'));
		const tasks = runs.map((run) => nodeTask(run, 'Passthrough'));
		const counters = await sim.rateLimitCounters(connectionId);
		const result: RegimeResult = {
			itemsOk: items.filter((item) => item.json.error === undefined).length,
			items: regime.executions.reduce((sum, count) => sum + count, 0),
			rejected: counters.rejected,
			calls: counters.calls,
			maxInFlight: counters.maxInFlight,
			seconds:
				(Math.max(...tasks.map((task) => task.startTime + task.executionTime)) -
					Math.min(...tasks.map((task) => task.startTime))) /
				1000,
		};
		log(formatRegime(regime, result));
	}
}

/** CPU microseconds of the process at `at` (epoch ms), interpolated between the probe's samples. */
function cpuAt(timeline: Array<[number, number]>, at: number): number {
	const after = timeline.findIndex(([time]) => time >= at);
	if (after <= 0) return timeline[after === 0 ? 0 : timeline.length - 1][1];
	const [t0, c0] = timeline[after - 1];
	const [t1, c1] = timeline[after];
	return t1 === t0 ? c1 : c0 + ((c1 - c0) * (at - t0)) / (t1 - t0);
}

/**
 * Our node and Edit Fields on the same items and expression, alternating. Two figures each, best of `rounds`:
 * items per second of the node's execution time, and items per second of the CPU time the n8n process spent
 * while the node ran (every thread, from the probe's samples). On a machine busy with other work the first
 * measures the machine; the second, the node.
 */
export async function runLoopbackCpu(
	n8n: N8nCli,
	sim: SimulatorProcess,
	rounds: number,
	logDir: string,
	log: (line?: string) => void,
): Promise<void> {
	await sim.rateLimited({ rate: 1e9, burst: 1e9, latencyMs: 0, id: LOOPBACK_CONNECTION });
	const rates = {
		ours: { wall: [] as number[], cpu: [] as number[] },
		set: { wall: [] as number[], cpu: [] as number[] },
	};
	for (let round = 0; round < rounds; round++) {
		for (const [key, id, node] of [
			['ours', 'e2eCpuOurs', 'Passthrough'],
			['set', 'e2eCpuSet', 'Edit Fields'],
		] as const) {
			const execution = await n8n.execute(id, { E2E_CPU_TIMELINE: '1' });
			const logFile = join(logDir, `${id}.log`);
			writeFileSync(logFile, execution.output);
			const { run } = execution;
			assert.ok(run, `no run of ${id} in its output (exit ${execution.code}; log: ${logFile})`);
			const items = output(run, node);
			assert.equal(items.length, LOOPBACK_ITEMS);
			// The simulator's answer names the path it got (without the leading slash); Edit Fields sets it.
			assert.equal(items[7].json.path, key === 'ours' ? 'items/7' : '/items/7');
			const task = nodeTask(run, node);
			rates[key].wall.push(LOOPBACK_ITEMS / (task.executionTime / 1000));
			const timeline = execution.probe?.cpu;
			assert.ok(timeline?.length, `the probe recorded no CPU time (log: ${logFile})`);
			const cpuMicros =
				cpuAt(timeline, task.startTime + task.executionTime) - cpuAt(timeline, task.startTime);
			rates[key].cpu.push(LOOPBACK_ITEMS / (cpuMicros / 1e6));
		}
	}
	const best = (values: number[]) => Math.max(...values);
	const figure = (values: number[]) =>
		`${best(values).toFixed(0).padStart(5)} [${values.map((value) => value.toFixed(0)).join(', ')}]`;
	log();
	log(
		`Per-item CPU: ${LOOPBACK_ITEMS} items, one expression each (${EXPRESSION}), best of ${rounds}, alternating:`,
	);
	log(`  ${''.padEnd(24)}items/s of execution time     items/s of CPU time`);
	for (const [key, label] of [
		['ours', 'Unified.to Passthrough'],
		['set', 'Edit Fields (Set 3.4)'],
	] as const) {
		log(`  ${label.padEnd(24)}${figure(rates[key].wall).padEnd(30)}${figure(rates[key].cpu)}`);
	}
	log(
		`  ratio (target >= 0.8)   ${(best(rates.ours.wall) / best(rates.set.wall)).toFixed(2).padEnd(30)}${(best(rates.ours.cpu) / best(rates.set.cpu)).toFixed(2)}`,
	);
}
