import { describe, expect, it } from 'vitest';

import {
	mismatchedConnection,
	presetLabel,
	presetOf,
} from '../../../../nodes/Unified/PassthroughTrigger/poll/presetIntegration';
import type { UnifiedConnection } from '../../../../nodes/Unified/core/call/unifiedApi';
import { assertSourceFitsConnection } from '../../../../nodes/Unified/PassthroughTrigger/poll/sourceConnection';

const connection = (fields: Partial<UnifiedConnection>): UnifiedConnection => ({
	id: 'conn_1',
	integration_type: 'slack',
	...fields,
});

describe('preset and connection integration', () => {
	it('agree when Unified names the same integration, in any case', () => {
		for (const type of ['hubspot', 'HubSpot', 'HUBSPOT'])
			expect(
				mismatchedConnection('hubspot', connection({ integration_type: type })),
			).toBeUndefined();
	});

	it('cannot disagree for a preset made for any integration, or when Unified does not say which it is', () => {
		expect(mismatchedConnection('custom', connection({}))).toBeUndefined();
		expect(mismatchedConnection('off', connection({}))).toBeUndefined();
		for (const type of ['', undefined, null])
			expect(
				mismatchedConnection(
					'hubspot',
					connection({ integration_type: type as unknown as string }),
				),
			).toBeUndefined();
	});

	it('names the connection by integration, id and xref when they disagree', () => {
		expect(
			mismatchedConnection(
				'hubspot',
				connection({ integration_name: 'Slack', external_xref: 'customer-42' }),
			),
		).toBe('Slack (conn_1, customer-42)');
		expect(mismatchedConnection('salesforce', connection({ integration_type: 'hubspot2' }))).toBe(
			'hubspot2 (conn_1)',
		);
		// Near spellings are other integrations: only the exact slug agrees.
		const near = [
			['hubspot', 'hubspot '],
			['hubspot', 'hub spot'],
			['salesforce', 'salesforcesandbox'],
			['slack', 'slack\u0000'],
		];
		for (const [preset, type] of near)
			expect(mismatchedConnection(preset, connection({ integration_type: type }))).toBeDefined();
	});

	it('object prototype names are no preset', () => {
		for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
			expect(presetLabel(name)).toBeUndefined();
			expect(presetOf(connection({ integration_type: name }))).toBeUndefined();
			expect(mismatchedConnection(name, connection({}))).toBeUndefined();
		}
	});

	it('the trigger refuses a mismatch naming the source that fits, and does not look up for Custom Endpoint', async () => {
		const lookups: string[] = [];
		const lookup = async (id: string) => {
			lookups.push(id);
			return connection({ id, integration_type: 'slack', integration_name: 'Slack' });
		};
		await expect(assertSourceFitsConnection('hubspot', 'conn_9', lookup)).rejects.toThrow(
			'Source is HubSpot but the connection is Slack (conn_9): pick the Slack source or a HubSpot connection',
		);
		await expect(assertSourceFitsConnection('slack', 'conn_9', lookup)).resolves.toBeUndefined();
		await expect(assertSourceFitsConnection('custom', 'conn_9', lookup)).resolves.toBeUndefined();
		expect(lookups).toEqual(['conn_9', 'conn_9']);
	});
});
