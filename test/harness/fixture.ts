import type { INodeExecutionData, INodeParameters, INode } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach } from 'vitest';

import { startSimulator, type Simulator, type SimulatorOptions } from '../simulator';
import { runWorkflow, type RunResult, type WorkflowDefinition } from './engine';
import { passthroughWorkflow } from './workflow';

export interface SimulatorFixture {
	readonly sim: Simulator;
	/** Runs one Passthrough node (named "Passthrough") over `items` against the simulator. */
	run(parameters: INodeParameters, items?: INodeExecutionData['json'][], settings?: Partial<INode>): Promise<RunResult>;
	/** Runs any workflow with the simulator's base URL and key in the credential. */
	runWorkflow(definition: WorkflowDefinition): Promise<RunResult>;
}

/** Starts a simulator for the test file, clears its log and faults before each test, and stops it after. */
export function useSimulator(options: SimulatorOptions = {}): SimulatorFixture {
	let sim: Simulator | undefined;
	beforeAll(async () => {
		sim = await startSimulator(options);
	});
	beforeEach(() => sim?.resetStats());
	afterAll(async () => sim?.close());
	return {
		get sim() {
			if (!sim) throw new Error('simulator not started');
			return sim;
		},
		async run(parameters, items = [{}], settings) {
			return this.runWorkflow(passthroughWorkflow(items, { parameters, settings }));
		},
		async runWorkflow(definition) {
			if (!sim) throw new Error('simulator not started');
			return runWorkflow(definition, { credentials: { apiKey: sim.apiKey, baseUrl: sim.baseUrl } });
		},
	};
}

/** Just the JSON of each output item. */
export function jsonOf(items: INodeExecutionData[] | undefined): unknown[] {
	return (items ?? []).map((item) => item.json);
}
