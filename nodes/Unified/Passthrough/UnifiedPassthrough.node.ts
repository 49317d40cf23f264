import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { batchingRequested, runBatchedAction } from './batch/batchedAction';
import { bodyProperties } from '../core/description/body';
import { actionConnectionProperties } from '../core/description/connection';
import { operationProperty } from './description/operation';
import { optionsProperty } from '../core/description/options';
import { requestProperties } from '../core/description/request';
import { toolDescriptionProperty } from '../core/description/toolOptions';
import { actionItemWork } from './execute/actionItem';
import { testUnifiedApiCredential } from '../core/methods/credentialTest';
import { searchConnections } from '../core/methods/listSearch';
import { createRuntime } from '../core/runtime/createRuntime';
import { executeHost } from '../core/runtime/host';
import { singleItemUnits } from '../core/runtime/runUnits';

const NODE_DESCRIPTION =
	'Call any API behind a Unified.to connection (HubSpot, Slack, Salesforce...) with retries, pagination and files';

export class UnifiedPassthrough implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Unified.to Passthrough',
		name: 'unifiedPassthrough',
		icon: { light: 'file:unified.svg', dark: 'file:unified.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["method"] + " " + $parameter["path"]}}',
		description: NODE_DESCRIPTION,
		defaults: { name: 'Unified.to Passthrough' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'unifiedApi', required: true, testedBy: 'testUnifiedApiCredential' }],
		properties: [
			toolDescriptionProperty(NODE_DESCRIPTION),
			operationProperty,
			...actionConnectionProperties,
			...requestProperties,
			...bodyProperties,
			optionsProperty,
		],
	};

	methods = {
		listSearch: { searchConnections },
		credentialTest: { testUnifiedApiCredential },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const runtime = await createRuntime(executeHost(this));
		// An AI tool call is one item: nothing to batch.
		if (batchingRequested(this.getNode().parameters) && !runtime.policy.toolMode)
			return [await runBatchedAction(this, runtime)];
		return [
			await runtime.run(singleItemUnits(this.getInputData().length), actionItemWork(this, runtime)),
		];
	}
}
