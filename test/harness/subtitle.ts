import {
	NodeHelpers,
	Workflow,
	type INode,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
} from 'n8n-workflow';

/**
 * A node's canvas subtitle as n8n's editor computes it (getNodeSubtitle): the parameters with their defaults, the
 * description's subtitle expression evaluated in "internal" mode.
 */
export function nodeSubtitle(nodeType: INodeType, type: string, values: INodeParameters): unknown {
	const parameters = NodeHelpers.getNodeParameters(
		nodeType.description.properties,
		values,
		true,
		false,
		{ typeVersion: 1 } as INode,
		nodeType.description,
	)!;
	const node: INode = {
		id: 'n',
		name: 'Node',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
	const nodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(
		node,
		nodeType.description.subtitle as string,
		'internal',
		{},
	);
}
