import { NodeApiError, type INode, type INodeExecutionData } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import {
	runOnce,
	runUnits,
	singleItemUnits,
	type UnitRunContext,
	type WorkUnit,
} from '../../../../nodes/Unified/core/runtime/runUnits';
import { PassthroughFailure } from '../../../../nodes/Unified/core/errors/passthroughFailure';

const node = {
	name: 'Passthrough',
	type: 'n8n-nodes-unified.unifiedPassthrough',
	typeVersion: 1,
	parameters: {},
} as unknown as INode;

function context(policy: Partial<UnitRunContext['policy']> = {}): UnitRunContext {
	return {
		node,
		secret: 'sk_secret_key',
		policy: { continueOnFail: false, toolMode: false, ...policy },
		stop: new AbortController(),
	};
}

/** Output one item per input item of the unit, finishing in reverse order of the units. */
function echoWork(units: WorkUnit[]) {
	return async (unit: WorkUnit): Promise<INodeExecutionData[]> => {
		const position = units.indexOf(unit);
		await new Promise((resolve) => setTimeout(resolve, (units.length - position) * 2));
		return unit.items.map((item) => ({ json: { item }, pairedItem: { item } }));
	};
}

describe('runUnits', () => {
	it('keeps input order whatever order units finish in, for units of one or several items', async () => {
		const units: WorkUnit[] = [{ items: [0, 1, 2] }, { items: [3] }, { items: [4, 5] }];
		const output = await runUnits(units, echoWork(units), context());
		expect(output.map((item) => item.json.item)).toEqual([0, 1, 2, 3, 4, 5]);
	});

	it('a failed unit of several items gives every one of its items an error item, paired to it, in place', async () => {
		const units: WorkUnit[] = [{ items: [0] }, { items: [1, 2] }, { items: [3] }];
		const work = async (unit: WorkUnit) => {
			if (unit.items.includes(1))
				throw new PassthroughFailure('Upstream returned 400 with sk_secret_key', {
					statusCode: 400,
				});
			return unit.items.map((item) => ({ json: { item }, pairedItem: { item } }));
		};
		const output = await runUnits(units, work, context({ continueOnFail: true }));
		expect(output.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(output[1].json).toEqual({
			error: 'Upstream returned 400 with **hidden**',
			statusCode: 400,
		});
		expect(output[2].json).toEqual(output[1].json);
	});

	it('as a tool, a failure is an error item too', async () => {
		const output = await runUnits(
			singleItemUnits(1),
			async () => {
				throw new PassthroughFailure('no');
			},
			context({ toolMode: true }),
		);
		expect(output).toEqual([{ json: { error: 'no' }, pairedItem: { item: 0 } }]);
	});

	it('otherwise fails fast: the stop signal aborts the rest, and the error names the first failed item', async () => {
		const ctx = context();
		const units = singleItemUnits(3);
		const work = async ({ items: [item] }: WorkUnit) => {
			if (item === 1) throw new PassthroughFailure('boom');
			await new Promise((resolve) => setTimeout(resolve, 5));
			return [{ json: { item, stopped: ctx.stop.signal.aborted } }];
		};
		await expect(runUnits(units, work, ctx)).rejects.toThrow('boom [item 1]');
		expect(ctx.stop.signal.aborted).toBe(true);
	});

	describe('per-item outcomes (a batch call where some records fail)', () => {
		const perItemWork = async (unit: WorkUnit) => ({
			perItem: unit.items.map((item) =>
				item % 2 === 1
					? { error: new PassthroughFailure(`record ${item} rejected`, { statusCode: 207 }) }
					: { output: [{ json: { item }, pairedItem: { item } }] },
			),
		});

		it('with continueOnFail, each failed item gets its own error item in place, the others their output', async () => {
			const output = await runUnits(
				[{ items: [0, 1, 2] }, { items: [3, 4] }],
				perItemWork,
				context({ continueOnFail: true }),
			);
			expect(output.map((item) => item.json)).toEqual([
				{ item: 0 },
				{ error: 'record 1 rejected', statusCode: 207 },
				{ item: 2 },
				{ error: 'record 3 rejected', statusCode: 207 },
				{ item: 4 },
			]);
			expect(output.map((item) => item.pairedItem)).toEqual(
				[0, 1, 2, 3, 4].map((item) => ({ item })),
			);
		});

		it('without it, fails with a short title (how many failed, the others written), the advice and the failed items in the description', async () => {
			const ctx = context();
			const error = (await runUnits([{ items: [0, 1, 2, 3, 4] }], perItemWork, ctx).catch(
				(thrown: unknown) => thrown,
			)) as Error & { description?: string };
			expect(error.message).toBe(
				'2 of 5 records of one batch call failed; the other 3 were written [item 1]',
			);
			expect(error.description).toBe(
				'Turn on "On Error: Continue" (node Settings) to get an error item for each failed record and a result for every other one, or fix the failed records and send only them again. Failed: item 1: record 1 rejected; item 3: record 3 rejected.',
			);
			expect(ctx.stop.signal.aborted).toBe(true);
		});

		it('a unit whose items all went through gives their output', async () => {
			const output = await runUnits([{ items: [0, 2] }], perItemWork, context());
			expect(output.map((item) => item.json)).toEqual([{ item: 0 }, { item: 2 }]);
		});
	});
});

describe('runOnce', () => {
	it('gives back what the work returns', async () => {
		await expect(runOnce(async () => [1, 2], { node, secret: 'sk_secret_key' })).resolves.toEqual([
			1, 2,
		]);
	});

	it('converts a failure once, naming no item, the key redacted', async () => {
		const failure = new PassthroughFailure('Upstream returned 500: sk_secret_key', {
			statusCode: 500,
		});
		const error = await runOnce(
			async () => {
				throw failure;
			},
			{ node, secret: 'sk_secret_key' },
		).catch((caught: unknown) => caught as NodeApiError);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Upstream returned 500: **hidden**');
		expect(error.httpCode).toBe('500');
		expect(error.context.itemIndex).toBeUndefined();
	});
});
