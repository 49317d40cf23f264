import type { WorkflowExecute } from 'n8n-core';
import type { INodeExecutionData, Workflow } from 'n8n-workflow';

/**
 * The one place where the harness differs between n8n-core lines: 2.x's WorkflowExecute.run takes an options
 * object, 1.x's takes positional arguments, run(workflow, startNode?, destinationNode?, pinData?). Told apart
 * by the declared parameter count (1 vs 5), so it follows whichever n8n-core the tests resolved.
 */
export function startRun(
	workflowExecute: WorkflowExecute,
	workflow: Workflow,
	pinData: Record<string, INodeExecutionData[]> | undefined,
): ReturnType<WorkflowExecute['run']> {
	if (workflowExecute.run.length <= 1) return workflowExecute.run({ workflow, pinData });
	const positional = workflowExecute.run as unknown as (
		...args: unknown[]
	) => ReturnType<WorkflowExecute['run']>;
	return positional.call(workflowExecute, workflow, undefined, undefined, pinData);
}
