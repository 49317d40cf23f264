import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { testUnifiedApiCredential } from '../core/methods/credentialTest';
import { searchConnections } from '../core/methods/listSearch';
import { createRuntime } from '../core/runtime/createRuntime';
import { pollHost } from '../core/runtime/host';
import { triggerProperties, triggerSubtitle } from './description/properties';
import {
	getHubspotProperties,
	searchHubspotObjects,
	searchSlackChannels,
} from './methods/listSearch';
import { triggerPoll } from './poll/triggerPoll';

export class UnifiedPassthroughTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Unified.to Passthrough Trigger',
		name: 'unifiedPassthroughTrigger',
		icon: { light: 'file:unified.svg', dark: 'file:unified.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: triggerSubtitle,
		description:
			'Starts a workflow with the records that changed since the last poll (HubSpot, Salesforce, Slack or any list endpoint behind Unified.to)',
		defaults: { name: 'Unified.to Passthrough Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'unifiedApi', required: true, testedBy: 'testUnifiedApiCredential' }],
		properties: triggerProperties,
	};

	methods = {
		listSearch: { searchConnections, searchHubspotObjects, searchSlackChannels },
		loadOptions: { getHubspotProperties },
		credentialTest: { testUnifiedApiCredential },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const runtime = await createRuntime(pollHost(this));
		return await runtime.runOnce(async () => {
			const records = await triggerPoll(this, runtime);
			return records ? [records.map((json) => ({ json }))] : null;
		});
	}
}
