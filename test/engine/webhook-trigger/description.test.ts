import type { INodeType } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { loadPackage } from '../../harness/engine';
import { nodeSubtitle } from '../../harness/subtitle';

describe('the Unified.to Trigger on the canvas', async () => {
	const { loader } = await loadPackage();
	const trigger = loader.getNode('unifiedTrigger').type as INodeType;
	const subtitle = (values: Record<string, unknown>) =>
		nodeSubtitle(trigger, 'n8n-nodes-unified.unifiedTrigger', values as never);

	it('its subtitle shows the labels the panel shows, not the saved values', () => {
		expect(subtitle({})).toBe('CRM Contact: Created, Updated');
		expect(subtitle({ objectType: 'ticketing_ticket', events: ['deleted'] })).toBe(
			'Ticketing Ticket: Deleted',
		);
		expect(subtitle({ objectType: 'accounting_creditmemo', events: ['updated', 'created'] })).toBe(
			'Accounting Credit Memo: Updated, Created',
		);
		// A value saved by a later version (or by hand) still reads as what was saved.
		expect(subtitle({ objectType: 'crm_future', events: ['created'] })).toBe('crm_future: Created');
	});
});
