import {
	NodeConnectionTypes,
	type EngineRequest,
	type EngineResponse,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type ITriggerFunctions,
	type ITriggerResponse,
} from 'n8n-workflow';

/**
 * Stands in for n8n-nodes-base's Manual Trigger (and Schedule Trigger in example workflows): emits one empty
 * item, or the items of its `items` parameter. Installing n8n-nodes-base only for this would add hundreds of
 * packages.
 */
export class HarnessTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: [1, 1.1, 1.2],
		description: 'Starts a test workflow',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[{}]' }],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const raw = this.getNodeParameter('items', '[{}]') as string | object[];
		const items = typeof raw === 'string' ? (JSON.parse(raw) as object[]) : raw;
		const manualTriggerFunction = async () => {
			this.emit([this.helpers.returnJsonArray(items as never)]);
		};
		return { manualTriggerFunction };
	}
}

/** What the harness agent's `toolCalls` parameter holds: the calls a model would make, in order. */
export interface ModelToolCall {
	/** The tool node's name. */
	tool: string;
	/** The arguments as the model sends them (its tool call's `args`). */
	args: IDataObject;
}

/**
 * Stands in for n8n 2.x's AI Agent: its first run returns an EngineRequest that calls its tools with the arguments
 * a model would send, as the real agent does (nodes-langchain createEngineRequests: `input` is the model's `args`);
 * when the engine resumes it, it outputs each call's result. The calls thus go through n8n-core's own handling
 * (requests-response.js, prepareRequestedNodesForExecution), which gives each tool run the input item
 * { ...the agent's input item, ...the model's arguments } and records the arguments where $fromAI reads them.
 */
export class HarnessAgent implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Harness Agent',
		name: 'agent',
		group: ['transform'],
		version: 1,
		description: 'Replays model tool calls through the engine',
		defaults: { name: 'Agent' },
		inputs: [NodeConnectionTypes.Main, NodeConnectionTypes.AiTool],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Tool Calls', name: 'toolCalls', type: 'json', default: '[]' }],
	};

	async execute(
		this: IExecuteFunctions,
		response?: EngineResponse,
	): Promise<INodeExecutionData[][] | EngineRequest> {
		if (response?.actionResponses.length) {
			const results = response.actionResponses.map(({ action, data }) => ({
				json: {
					toolCallId: action.id,
					tool: action.nodeName,
					output: (data.data?.[NodeConnectionTypes.AiTool]?.[0] ?? []).map((item) => item.json),
				},
				pairedItem: { item: 0 },
			}));
			return [results];
		}
		const calls = JSON.parse(this.getNodeParameter('toolCalls', 0) as string) as ModelToolCall[];
		return {
			actions: calls.map((call, index) => ({
				actionType: 'ExecutionNodeAction' as const,
				nodeName: call.tool,
				input: call.args,
				type: NodeConnectionTypes.AiTool,
				id: `call_${index}`,
				metadata: { itemIndex: 0 },
			})),
			metadata: {},
		};
	}
}

/**
 * Stands in for n8n-nodes-base's HTTP Request node with Authentication "Predefined Credential Type": it reads the
 * credential picked in `nodeCredentialType` and sends its key as a Bearer header to any `url`, as the real node does
 * with a credential's `authenticate`. n8n-core lets this node type read every credential (FULL_ACCESS_NODE_TYPES)
 * unless the credential is restricted to its own nodes.
 */
export class HarnessHttpRequest implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HTTP Request',
		name: 'httpRequest',
		group: ['output'],
		version: [4, 4.1, 4.2],
		description: 'Sends any request with a predefined credential',
		defaults: { name: 'HTTP Request' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{
				displayName: 'Credential Type',
				name: 'nodeCredentialType',
				type: 'string',
				default: '',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const url = this.getNodeParameter('url', 0) as string;
		const credentialType = this.getNodeParameter('nodeCredentialType', 0) as string;
		const credentials = await this.getCredentials<{ apiKey: string }>(credentialType);
		const response = await fetch(url, {
			headers: { authorization: `Bearer ${credentials.apiKey}` },
		});
		return [[{ json: { statusCode: response.status } }]];
	}
}
