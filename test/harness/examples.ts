import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { extractFromAICalls, type INode, type INodeExecutionData } from 'n8n-workflow';

import { NODE_TYPE, type WorkflowDefinition } from './engine';

/** The importable workflows (read from the source tree: test:compat loads the package from a copy without them). */
export const EXAMPLES_DIR = join(__dirname, '../../examples');

export type ExampleWorkflow = WorkflowDefinition & { name: string };

export function exampleFiles(): string[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((name) => name.endsWith('.json'))
		.sort();
}

/** An example as n8n exports it; the harness ignores credential ids and uses the simulator's key and URL. */
export function loadExample(file: string): ExampleWorkflow {
	return JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as ExampleWorkflow;
}

/**
 * The tool node of an agent example, run the way n8n 2.x's engine runs it when the agent calls it: each call's
 * arguments arrive in the input item, where `$fromAI('name', ...)` reads them (rewritten to `$json.name`,
 * since no agent is present). `calls` are the arguments a model would send.
 */
export function toolCallsWorkflow(
	example: ExampleWorkflow,
	calls: INodeExecutionData['json'][],
): { tool: INode; workflow: WorkflowDefinition } {
	const tool = example.nodes.find((node) => node.type === `${NODE_TYPE}Tool`);
	if (!tool) throw new Error(`${example.name} has no ${NODE_TYPE}Tool node`);
	// A model leaves out an argument that has a default (zod fills it in); the input item then lacks it too.
	const fromAi = (value: unknown): unknown =>
		typeof value === 'string'
			? value.replace(/\$fromAI\((?:[^()']|'[^']*')*\)/g, (call) => {
					const [{ key, defaultValue }] = extractFromAICalls(call);
					return defaultValue === undefined
						? `$json.${key}`
						: `($json.${key} ?? ${JSON.stringify(defaultValue)})`;
				})
			: value;
	const parameters = Object.fromEntries(
		Object.entries(tool.parameters).map(([name, value]) => [name, fromAi(value)]),
	) as INode['parameters'];
	return {
		tool,
		workflow: {
			nodes: [
				{
					id: 'start',
					name: 'Agent calls',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				{ ...tool, parameters },
			],
			connections: { 'Agent calls': { main: [[{ node: tool.name, type: 'main', index: 0 }]] } },
			pinData: { 'Agent calls': calls.map((json) => ({ json })) },
		},
	};
}

/** The example's polling trigger node, if it starts from one. */
export function pollingTrigger(example: ExampleWorkflow): INode | undefined {
	return example.nodes.find((node) => node.type === `${NODE_TYPE}Trigger`);
}

/**
 * The workflow n8n runs when the trigger's poll emitted `items`: the trigger's output is what the poll returned
 * (pinned, as the engine starts a polled execution from the poll's data).
 */
export function polledRun(
	example: ExampleWorkflow,
	items: INodeExecutionData[],
): WorkflowDefinition {
	const trigger = pollingTrigger(example);
	if (!trigger) throw new Error(`${example.name} has no polling trigger`);
	return { ...example, pinData: { [trigger.name]: items } };
}
