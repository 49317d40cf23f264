import type { WorkflowExecute } from 'n8n-core';
import type { INodeExecutionData, Workflow } from 'n8n-workflow';

// The one place where the harness differs between n8n-core lines. n8n-core 2.x takes an options object;
// 1.x takes positional arguments: run(workflow, startNode?, destinationNode?, pinData?).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const coreMajor = Number(String((require('n8n-core/package.json') as { version: string }).version).split('.')[0]);

export const N8N_CORE_MAJOR = coreMajor;

export function startRun(
	workflowExecute: WorkflowExecute,
	workflow: Workflow,
	pinData: Record<string, INodeExecutionData[]> | undefined,
): ReturnType<WorkflowExecute['run']> {
	if (coreMajor >= 2) return workflowExecute.run({ workflow, pinData });
	const positional = workflowExecute.run as unknown as (...args: unknown[]) => ReturnType<WorkflowExecute['run']>;
	return positional.call(workflowExecute, workflow, undefined, undefined, pinData);
}
