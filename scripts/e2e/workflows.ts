import { CREDENTIAL_REF, NODE_TYPE } from './config';
import { headless } from './headless';
import type { WorkflowJson } from './n8n';

type WorkflowNode = WorkflowJson['nodes'][number];

export const connectionById = (id: string) => ({ __rl: true, mode: 'id', value: id });

/** This package's node, named "Passthrough", with these parameters and node settings (onError...). */
export function passthroughNode(
	parameters: Record<string, unknown>,
	settings: Record<string, unknown> = {},
): WorkflowNode {
	return {
		id: 'call',
		name: 'Passthrough',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [400, 0],
		parameters,
		credentials: CREDENTIAL_REF,
		...settings,
	};
}

/** Manual trigger -> these items (emitted as headless does) -> `node`. */
export function itemsInto(
	id: string,
	name: string,
	items: Array<Record<string, unknown>>,
	node: WorkflowNode,
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
			pinData: { Items: items.map((json) => ({ json })) },
		},
		id,
	);
}
