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
import { CREDENTIAL, NODE_TYPE } from './config';
import { headless } from './headless';
import type { N8nCli, WorkflowJson } from './n8n';

// Figures from real n8n: issue 11's rate-limit regimes, and the per-item CPU cost of one expression per item
// against n8n's own Edit Fields node. Each run is a fresh `n8n execute`; times are the node's own execution time.

const credentials = { [CREDENTIAL.type]: { id: CREDENTIAL.id, name: CREDENTIAL.name } };
const LOOPBACK_CONNECTION = 'conn_e2e_loopback';
const LOOPBACK_ITEMS = 2000;
const EXPRESSION = '=/items/{{ $json.id }}';

/** Manual trigger -> `count` items `{id}` (emitted by Edit Fields + Split Out, see headless) -> `node`. */
function itemsInto(
	id: string,
	name: string,
	count: number,
	node: WorkflowJson['nodes'][number],
): WorkflowJson {
	return headless(
		{
			name,
			nodes: [
				{
					id: 'trigger',
					name: 'Items',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				node,
			],
			connections: { Items: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
			pinData: { Items: Array.from({ length: count }, (_, index) => ({ json: { id: index } })) },
		},
		id,
	);
}

function passthroughNode(connectionId: string, settings: Record<string, unknown> = {}) {
	return {
		id: 'call',
		name: 'Passthrough',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [400, 0],
		parameters: {
			connection: { __rl: true, mode: 'id', value: connectionId },
			method: 'GET',
			path: EXPRESSION,
		},
		credentials,
		...settings,
	};
}

const regimeConnection = (index: number) => `conn_e2e_rl_${index}`;

export interface PerfCases {
	workflows: WorkflowJson[];
	regimes: Array<{ regime: RateLimitRegime; id: string; connectionId: string }>;
}

/**
 * The workflows: one per rate-limit regime run by a single execution (the two-executions regime needs two
 * executions in one n8n process, which `n8n execute` cannot start), and the loopback CPU pair.
 */
export function perfWorkflows(selected: (title: string) => boolean): PerfCases {
	const regimes = RATE_LIMIT_REGIMES.map((regime, index) => ({
		regime,
		id: `e2eRateLimit${index}`,
		connectionId: regimeConnection(index),
	})).filter(
		({ regime }) => regime.executions.length === 1 && selected(`rate-limit: ${regime.name}`),
	);
	const workflows = regimes.map(({ regime, id, connectionId }) =>
		itemsInto(
			id,
			`e2e: rate-limit ${regime.name}`,
			regime.executions[0],
			// Continue on error, so that every item's outcome is counted; the node's options stay at their defaults.
			passthroughNode(connectionId, { onError: 'continueRegularOutput' }),
		),
	);
	if (selected('loopback CPU')) {
		workflows.push(
			itemsInto(
				'e2eCpuOurs',
				'e2e: loopback CPU, Passthrough',
				LOOPBACK_ITEMS,
				passthroughNode(LOOPBACK_CONNECTION),
			),
			itemsInto('e2eCpuSet', 'e2e: loopback CPU, Edit Fields', LOOPBACK_ITEMS, {
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

function nodeMs(run: IRun, node: string): number {
	const tasks = run.data.resultData.runData[node];
	assert.ok(tasks?.length, `node "${node}" did not run`);
	return tasks[tasks.length - 1].executionTime;
}

/** Runs each single-execution regime once, on a fresh bucket, and prints its figures. */
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
	for (const { regime, id, connectionId } of cases.regimes) {
		await sim.rateLimited({ ...regime.limit, id: connectionId });
		const run = await execute(n8n, id, logDir);
		const items = output(run, 'Passthrough');
		const counters = await sim.rateLimitCounters(connectionId);
		const result: RegimeResult = {
			itemsOk: items.filter((item) => item.json.error === undefined).length,
			items: regime.executions[0],
			rejected: counters.rejected,
			calls: counters.calls,
			maxInFlight: counters.maxInFlight,
			seconds: nodeMs(run, 'Passthrough') / 1000,
		};
		log(formatRegime(regime, result));
	}
}

/** Our node and Edit Fields on the same items and expression, alternating, best of `rounds` each. */
export async function runLoopbackCpu(
	n8n: N8nCli,
	sim: SimulatorProcess,
	rounds: number,
	logDir: string,
	log: (line?: string) => void,
): Promise<void> {
	await sim.rateLimited({ rate: 1e9, burst: 1e9, latencyMs: 0, id: LOOPBACK_CONNECTION });
	const rates = { ours: [] as number[], set: [] as number[] };
	for (let round = 0; round < rounds; round++) {
		for (const [key, id, node] of [
			['ours', 'e2eCpuOurs', 'Passthrough'],
			['set', 'e2eCpuSet', 'Edit Fields'],
		] as const) {
			const run = await execute(n8n, id, logDir);
			const items = output(run, node);
			assert.equal(items.length, LOOPBACK_ITEMS);
			// The simulator's answer names the path it got (without the leading slash); Edit Fields sets it.
			assert.equal(items[7].json.path, key === 'ours' ? 'items/7' : '/items/7');
			rates[key].push(LOOPBACK_ITEMS / (nodeMs(run, node) / 1000));
		}
	}
	const best = (values: number[]) => Math.max(...values);
	const list = (values: number[]) => values.map((value) => value.toFixed(0)).join(', ');
	log();
	log(
		`Loopback CPU: ${LOOPBACK_ITEMS} items, one expression per item (${EXPRESSION}), node execution time, best of ${rounds}:`,
	);
	log(`  Unified.to Passthrough ${best(rates.ours).toFixed(0)} items/s [${list(rates.ours)}]`);
	log(`  Edit Fields (Set 3.4)  ${best(rates.set).toFixed(0)} items/s [${list(rates.set)}]`);
	log(`  ratio ${(best(rates.ours) / best(rates.set)).toFixed(2)} (target >= 0.8)`);
}
