import { describe, expect, it } from 'vitest';

import {
	cachedXrefResolver,
	resolveConnectionId,
} from '../../../../nodes/Unified/core/runtime/connection';
import type { UnifiedConnection } from '../../../../nodes/Unified/core/call/unifiedApi';

const connections: UnifiedConnection[] = [
	{
		id: 'conn_hubspot',
		integration_type: 'hubspot',
		categories: ['crm', 'passthrough'],
		external_xref: 'customer-42',
	},
	{
		id: 'conn_slack',
		integration_type: 'slack',
		categories: ['messaging', 'passthrough'],
		external_xref: 'customer-42',
	},
];

function countingLookup() {
	const calls: string[] = [];
	const lookup = async (xref: string, category: string) => {
		calls.push(`${xref}/${category}`);
		return connections.filter((connection) => connection.external_xref === xref);
	};
	return { calls, lookup };
}

describe('external xref resolution', () => {
	it('looks each xref and category up once per execution, even for concurrent items', async () => {
		const { calls, lookup } = countingLookup();
		const resolve = cachedXrefResolver(lookup);
		const ids = await Promise.all([
			resolve('customer-42', 'crm'),
			resolve('customer-42', 'crm'),
			resolve('customer-42', 'messaging'),
			resolve('customer-42', 'crm'),
		]);
		expect(ids).toEqual(['conn_hubspot', 'conn_hubspot', 'conn_slack', 'conn_hubspot']);
		expect(calls).toEqual(['customer-42/crm', 'customer-42/messaging']);
	});

	it('keeps a failed lookup failed for the execution, without asking again', async () => {
		const { calls, lookup } = countingLookup();
		const resolve = cachedXrefResolver(lookup);
		await expect(resolve('customer-42', '')).rejects.toThrow(/matches 2 connections/);
		await expect(resolve('customer-42', '')).rejects.toThrow(/matches 2 connections/);
		expect(calls).toHaveLength(1);
	});

	it('takes list and id modes, and a bare id, without a lookup', async () => {
		const { calls, lookup } = countingLookup();
		const resolve = cachedXrefResolver(lookup);
		expect(await resolveConnectionId({ mode: 'list', value: 'conn_a' }, '', resolve)).toBe(
			'conn_a',
		);
		expect(await resolveConnectionId({ mode: 'id', value: ' conn_b ' }, 'crm', resolve)).toBe(
			'conn_b',
		);
		expect(await resolveConnectionId('conn_c', '', resolve)).toBe('conn_c');
		await expect(resolveConnectionId({ mode: 'id', value: '' }, '', resolve)).rejects.toThrow(
			/Choose a connection/,
		);
		await expect(
			resolveConnectionId({ mode: 'externalXref', value: ' ' }, '', resolve),
		).rejects.toThrow(/external xref/);
		expect(calls).toEqual([]);
	});
});
