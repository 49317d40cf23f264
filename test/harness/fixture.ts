import type { INodeExecutionData, INodeParameters, INode } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach } from 'vitest';

import { startSimulator, type Simulator, type SimulatorOptions } from '../simulator';
import { runWorkflow, type RunOptions, type RunResult, type WorkflowDefinition } from './engine';
import { passthroughWorkflow } from './workflow';

export interface RunOverrides {
	/** Credential fields to use instead of the simulator's: a wrong key, the URL of a proxy or TLS front before it. */
	credentials?: Partial<RunOptions['credentials']>;
	/** Called with the running execution, e.g. to cancel it. */
	onStart?: RunOptions['onStart'];
}

export interface FixtureOptions {
	/** Called after every run of the file, e.g. to check that the key appears nowhere in it. */
	afterEachRun?: (result: RunResult, sim: Simulator) => void;
}

export interface SimulatorFixture {
	readonly sim: Simulator;
	/** The credential the runs use: the simulator's base URL and key. */
	readonly credentials: { apiKey: string; baseUrl: string };
	/** Runs one Passthrough node (named "Passthrough") over `items` against the simulator. */
	run(
		parameters: INodeParameters,
		items?: INodeExecutionData['json'][],
		settings?: Partial<INode>,
	): Promise<RunResult>;
	/** Runs any workflow with the simulator's base URL and key in the credential. */
	runWorkflow(definition: WorkflowDefinition, overrides?: RunOverrides): Promise<RunResult>;
	/** What the simulator's passthrough received since the test began, one line per request: "POST conn_acme/v2/customers?limit=5". */
	passthroughCalls(): string[];
}

/**
 * The one way engine tests run workflows: starts a simulator for the test file, clears its log and faults before
 * each test, and stops it after.
 */
export function useSimulator(
	options: SimulatorOptions = {},
	fixtureOptions: FixtureOptions = {},
): SimulatorFixture {
	let started: Simulator | undefined;
	beforeAll(async () => {
		started = await startSimulator(options);
	});
	beforeEach(() => started?.resetStats());
	afterAll(async () => started?.close());
	const simulator = () => {
		if (!started) throw new Error('simulator not started: use the fixture inside a test or a hook');
		return started;
	};
	return {
		get sim() {
			return simulator();
		},
		get credentials() {
			return { apiKey: simulator().apiKey, baseUrl: simulator().baseUrl };
		},
		async run(parameters, items = [{}], settings) {
			return this.runWorkflow(passthroughWorkflow(items, { parameters, settings }));
		},
		async runWorkflow(definition, overrides = {}) {
			const sim = simulator();
			const result = await runWorkflow(definition, {
				credentials: { ...this.credentials, ...overrides.credentials },
				onStart: overrides.onStart,
			});
			fixtureOptions.afterEachRun?.(result, sim);
			return result;
		},
		passthroughCalls() {
			return simulator().log.map(
				(entry) =>
					`${entry.method} ${entry.connectionId}/${entry.path}${entry.rawQuery ? `?${entry.rawQuery}` : ''}`,
			);
		},
	};
}

/** Just the JSON of each output item. */
export function jsonOf(items: INodeExecutionData[] | undefined): unknown[] {
	return (items ?? []).map((item) => item.json);
}
