import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import { Agent, request } from 'undici';

import type { BenchCase } from '../run';
import { KEEP_ALIVE } from '../../nodes/Unified/core/transport/dispatcher';
import { runWorkflow } from '../../test/harness/engine';
import { connectionById, passthroughWorkflow } from '../../test/harness/workflow';
import { SIM_API_KEY } from '../../test/simulator/data';

interface Simulator {
	baseUrl: string;
	apiKey: string;
}

/**
 * The simulator in its own process, so that its CPU time is not counted against the client being measured
 * (in-process, the simulator's work dominates and hides the node's overhead).
 */
async function startExternalSimulator(): Promise<{ sim: Simulator; child: ChildProcess }> {
	const root = join(__dirname, '../..');
	const child = spawn(
		process.execPath,
		['--import', 'tsx', join(root, 'test/simulator/cli.ts'), '--port', '0'],
		{
			cwd: root,
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	const lines = createInterface({ input: child.stdout! });
	for await (const line of lines) {
		const match = /Base URL:\s+(\S+)/.exec(line);
		if (match) {
			lines.close();
			child.stdout!.resume();
			return { sim: { baseUrl: match[1], apiKey: SIM_API_KEY }, child };
		}
	}
	throw new Error('the simulator did not start');
}

const ITEMS = 2000;
const CONCURRENCIES = [1, 8, 32];
const PATH = 'v2/customers/cus_001';

/** The floor: a bare undici loop sending the same requests, `concurrency` at a time, reading each JSON body. */
async function floor(sim: Simulator, concurrency: number): Promise<number> {
	const agent = new Agent(KEEP_ALIVE);
	const url = `${sim.baseUrl}/passthrough/conn_acme/${PATH}`;
	const headers = { authorization: `Bearer ${sim.apiKey}`, accept: 'application/json' };
	let next = 0;
	const started = performance.now();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < ITEMS) {
				next++;
				const response = await request(url, { method: 'GET', headers, dispatcher: agent });
				await response.body.json();
			}
		}),
	);
	const seconds = (performance.now() - started) / 1000;
	await agent.close();
	return ITEMS / seconds;
}

async function node(sim: Simulator, concurrency: number): Promise<number> {
	const workflow = passthroughWorkflow(
		Array.from({ length: ITEMS }, (_, id) => ({ id })),
		{
			parameters: {
				connection: connectionById('conn_acme'),
				method: 'GET',
				path: PATH,
				options: { concurrency },
			},
		},
	);
	const started = performance.now();
	const result = await runWorkflow(workflow, {
		credentials: { apiKey: sim.apiKey, baseUrl: sim.baseUrl },
	});
	const seconds = (performance.now() - started) / 1000;
	if (result.status !== 'success' || result.output('Passthrough')?.length !== ITEMS) {
		throw new Error(`node run failed: ${result.status} ${result.error?.message ?? ''}`);
	}
	return ITEMS / seconds;
}

export const benchCase: BenchCase = {
	name: 'throughput',
	description: `${ITEMS} GET items through the engine vs a bare undici loop (the floor), at concurrency ${CONCURRENCIES.join('/')}`,
	async run() {
		const { sim, child } = await startExternalSimulator();
		// Warm-up: JIT, keep-alive sockets, the package load.
		await node(sim, 8);
		await floor(sim, 8);
		for (const concurrency of CONCURRENCIES) {
			// Best of three, alternating, to damp the noise of a shared machine.
			let floorRate = 0;
			let nodeRate = 0;
			for (let round = 0; round < 3; round++) {
				floorRate = Math.max(floorRate, await floor(sim, concurrency));
				global.gc?.();
				nodeRate = Math.max(nodeRate, await node(sim, concurrency));
				global.gc?.();
			}
			console.log(
				`concurrency ${String(concurrency).padStart(2)}: node ${nodeRate.toFixed(0).padStart(6)} items/s, floor ${floorRate.toFixed(0).padStart(6)} items/s, node/floor ${((nodeRate / floorRate) * 100).toFixed(0)}%`,
			);
		}
		child.kill();
	},
};
