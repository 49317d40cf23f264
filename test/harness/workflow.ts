import type { IDataObject, INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { AGENT_TYPE, CREDENTIAL_TYPE, NODE_TYPE, type WorkflowDefinition } from './engine';
import type { ModelToolCall } from './stubNodes';

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

export const AGENT_NAME = 'Agent';
export const TOOL_NAME = 'Tool';

/**
 * An agent run as n8n 2.x executes it: a trigger ("Chat") emitting the agent's input item, the harness agent, and
 * one Passthrough tool node ("Tool", the node's "…Tool" variant) on its ai_tool input, called once per entry of
 * `calls` (the arguments a model sends). The agent's output has one item per call: `{ toolCallId, tool, output }`,
 * `output` being the JSON the model gets back.
 */
export function agentToolWorkflow(
	agentInput: IDataObject,
	tool: PassthroughNode,
	calls: IDataObject[],
): WorkflowDefinition {
	const toolCalls: ModelToolCall[] = calls.map((args) => ({ tool: TOOL_NAME, args }));
	return {
		nodes: [
			{
				id: 'chat',
				name: 'Chat',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'agent',
				name: AGENT_NAME,
				type: AGENT_TYPE,
				typeVersion: 1,
				position: [200, 0],
				parameters: { toolCalls: JSON.stringify(toolCalls) },
			},
			{
				id: 'tool',
				name: TOOL_NAME,
				type: `${NODE_TYPE}Tool`,
				typeVersion: 1,
				position: [200, 200],
				parameters: tool.parameters,
				credentials: { [CREDENTIAL_TYPE]: { id: 'cred-1', name: 'Unified simulator' } },
				...tool.settings,
			},
		],
		connections: {
			Chat: { main: [[{ node: AGENT_NAME, type: 'main', index: 0 }]] },
			[TOOL_NAME]: { ai_tool: [[{ node: AGENT_NAME, type: 'ai_tool', index: 0 }]] },
		},
		pinData: { Chat: [{ json: agentInput }] },
	};
}
