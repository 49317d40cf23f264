import type { INodeType, INodeTypeDescription, ITriggerFunctions, ITriggerResponse } from 'n8n-workflow';

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
