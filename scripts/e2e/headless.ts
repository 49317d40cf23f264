import { CREDENTIAL_REF, NODE_TYPE } from './config';
import type { WorkflowJson } from './n8n';

type WorkflowNode = WorkflowJson['nodes'][number];

// `n8n execute` starts a workflow only at one of these (n8n's STARTING_NODES, findCliWorkflowStart).
const STARTABLE = new Set([
	'n8n-nodes-base.manualTrigger',
	'n8n-nodes-base.executeWorkflowTrigger',
	'n8n-nodes-base.start',
]);

const isTrigger = (node: WorkflowNode) => /trigger$/i.test(node.type);

function manualTrigger(name: string, position: unknown, id = `${name}-start`): WorkflowNode {
	return {
		id,
		name,
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position,
		parameters: {},
	};
}

/**
 * n8n's own nodes that emit `items` as separate items, in the process (no Code node, which would need a task
 * runner): Edit Fields outputs them as one array, Split Out splits it. The last node takes `name`, so the rest of
 * the workflow, connections and `$('name')` expressions included, is unchanged.
 */
function emitItems(
	name: string,
	position: unknown,
	items: Array<Record<string, unknown>>,
): { nodes: WorkflowNode[]; connections: Record<string, unknown> } {
	const start = `${name} (e2e start)`;
	const fields = `${name} (e2e items)`;
	const link = (to: string) => ({ main: [[{ node: to, type: 'main', index: 0 }]] });
	return {
		nodes: [
			manualTrigger(start, position),
			{
				id: `${name}-items`,
				name: fields,
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position,
				parameters: { mode: 'raw', jsonOutput: JSON.stringify({ items }), options: {} },
			},
			{
				id: `${name}-split`,
				name,
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position,
				parameters: { fieldToSplitOut: 'items', include: 'noOtherFields', options: {} },
			},
		],
		connections: { [start]: link(fields), [fields]: link(name) },
	};
}

/**
 * A workflow made runnable by `n8n execute`: a schedule, form or other trigger becomes a manual trigger of the
 * same name; a trigger with pinned items emits those items instead (the CLI ignores pinned data); the package's
 * nodes use the imported credential.
 */
export function headless(workflow: Omit<WorkflowJson, 'id'>, id: string): WorkflowJson {
	const nodes: WorkflowNode[] = [];
	let connections = { ...workflow.connections };
	for (const node of workflow.nodes) {
		if (isTrigger(node)) {
			const pinned = workflow.pinData?.[node.name];
			if (pinned) {
				const replacement = emitItems(
					node.name,
					node.position,
					pinned.map((item) => item.json),
				);
				nodes.push(...replacement.nodes);
				connections = { ...connections, ...replacement.connections };
			} else {
				nodes.push(
					STARTABLE.has(node.type)
						? node
						: manualTrigger(node.name, node.position, String(node.id)),
				);
			}
			continue;
		}
		const ours = node.type.startsWith(NODE_TYPE);
		nodes.push(
			ours
				? {
						...node,
						credentials: CREDENTIAL_REF,
					}
				: node,
		);
	}
	return { id, name: workflow.name, nodes, connections, settings: workflow.settings ?? {} };
}
