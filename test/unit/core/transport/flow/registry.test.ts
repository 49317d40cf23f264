import { beforeEach, describe, expect, it } from 'vitest';

import type { FlowPermit } from '../../../../../nodes/Unified/core/transport/flow/connectionFlow';
import { ExecutionBudget } from '../../../../../nodes/Unified/core/transport/flow/executionBudget';
import {
	connectionFlow,
	credentialScope,
	forgetAllConnections,
	rememberedConnections,
} from '../../../../../nodes/Unified/core/transport/flow/registry';

const BOUND = 1_000;
const scope = credentialScope('http://registry.test', 'key-1');

async function busy(connectionId: string, budget: ExecutionBudget): Promise<FlowPermit> {
	return await connectionFlow(scope, connectionId).acquire(budget, 1);
}

describe('flow registry: which controller a call gets', () => {
	beforeEach(() => forgetAllConnections());

	it('the same base URL, key and connection share one; another key or base URL never does', () => {
		const same = connectionFlow(credentialScope('http://a.test', 'key-1'), 'conn');
		expect(connectionFlow(credentialScope('http://a.test', 'key-1'), 'conn')).toBe(same);
		for (const [baseUrl, apiKey] of [
			['http://a.test', 'key-2'],
			['http://a.test', 'attacker-key'],
			['http://a.test', 'key-1 '],
			['http://b.test', 'key-1'],
			// A separator in either part cannot make two credentials one.
			['http://a.test\nkey', '1'],
			['http://a.test', ''],
		]) {
			expect(connectionFlow(credentialScope(baseUrl, apiKey), 'conn')).not.toBe(same);
		}
	});

	it('keeps a digest of the key, never the key', () => {
		const key = 'sk_live_0123456789abcdef';
		const digest = credentialScope('http://a.test', key);
		expect(digest).toMatch(/^[0-9a-f]{64}$/);
		expect(digest).not.toContain(key);
		expect(digest).not.toContain('a.test');
	});
});

describe('flow registry: the 1,000-connection bound', () => {
	beforeEach(() => forgetAllConnections());

	it('5,000 connections busy at once are forgotten down to the bound once they are released', async () => {
		const budget = new ExecutionBudget(Infinity, 0);
		const permits = await Promise.all(
			Array.from({ length: 5_000 }, async (_, index) => await busy(`c${index}`, budget)),
		);
		// Busy ones are never forgotten: a pause they learn must reach every call waiting on them.
		expect(rememberedConnections()).toBe(5_000);
		for (const permit of permits)
			permit.release({ statusCode: 200, headers: {}, latencyMs: 1, maxWaitMs: 1 });
		expect(rememberedConnections()).toBe(BOUND);
	});

	it('forgets the least recently used idle connection first, never a busy one', async () => {
		const budget = new ExecutionBudget(Infinity, 0);
		const permit = await busy('busy', budget);
		const busyFlow = connectionFlow(scope, 'busy');
		const idle = Array.from({ length: BOUND - 1 }, (_, index) =>
			connectionFlow(scope, `idle${index}`),
		);
		// Looked up again: idle0 is now the most recently used, idle1 the least.
		connectionFlow(scope, 'idle0');
		connectionFlow(scope, 'new');
		expect(rememberedConnections()).toBe(BOUND);
		expect(connectionFlow(scope, 'idle0')).toBe(idle[0]);
		expect(connectionFlow(scope, 'idle2')).toBe(idle[2]);
		expect(connectionFlow(scope, 'busy')).toBe(busyFlow);
		expect(connectionFlow(scope, 'idle1')).not.toBe(idle[1]);
		permit.release();
	});

	it('a forgotten controller that a retry still holds, going busy, leaves its successor sweepable', async () => {
		const budget = new ExecutionBudget(Infinity, 0);
		const held = connectionFlow(scope, 'x');
		// 1,000 busy connections: the idle "x" is the one forgotten to make room.
		const permits = await Promise.all(
			Array.from({ length: BOUND }, async (_, index) => await busy(`b${index}`, budget)),
		);
		const successor = connectionFlow(scope, 'x');
		expect(successor).not.toBe(held);
		const retry = await held.acquire(budget, 2);
		for (const permit of permits) permit.release();
		expect(rememberedConnections()).toBe(BOUND);
		// The successor was idle the longest: it went first.
		expect(connectionFlow(scope, 'x')).not.toBe(successor);
		retry.release();
	});
});
