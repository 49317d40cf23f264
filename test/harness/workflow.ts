import type { INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { CREDENTIAL_TYPE, NODE_TYPE, type WorkflowDefinition } from './engine';

export interface PassthroughNode {
	name?: string;
	parameters: INodeParameters;
	/** Node settings such as onError: 'continueRegularOutput'. */
	settings?: Partial<INode>;
}

/** The connection parameter in `id` mode, as a saved workflow stores it. */
export function connectionById(id: string) {
	return { __rl: true, mode: 'id', value: id };
}

/**
 * A trigger emitting `items` (pinned, as n8n's editor does) followed by one or more Passthrough nodes in a
 * chain.
 */
export function passthroughWorkflow(
	items: INodeExecutionData['json'][],
	...steps: PassthroughNode[]
): WorkflowDefinition {
	const trigger: INode = {
		id: 'trigger',
		name: 'Start',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const nodes: INode[] = [trigger];
	const connections: WorkflowDefinition['connections'] = {};
	let previous = trigger.name;
	steps.forEach((step, index) => {
		const name = step.name ?? (index === 0 ? 'Passthrough' : `Passthrough ${index + 1}`);
		nodes.push({
			id: `node-${index}`,
			name,
			type: NODE_TYPE,
			typeVersion: 1,
			position: [200 * (index + 1), 0],
			parameters: step.parameters,
			credentials: { [CREDENTIAL_TYPE]: { id: 'cred-1', name: 'Unified simulator' } },
			...step.settings,
		});
		connections[previous] = { main: [[{ node: name, type: 'main', index: 0 }]] };
		previous = name;
	});
	return {
		nodes,
		connections,
		pinData: { Start: items.map((json) => ({ json })) },
	};
}
