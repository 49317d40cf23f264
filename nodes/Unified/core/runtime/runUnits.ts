import type { INode, INodeExecutionData } from 'n8n-workflow';

import { errorItem, toNodeError } from '../errors/toNodeError';
import { executionCanceled } from '../errors/operationFailure';
import { partialFailure } from '../errors/partialFailure';

/** A unit of work: the input items one call (or one poll) covers, in input order: one item, or a batch. */
export interface WorkUnit {
	items: number[];
}

/** One item's share of a unit that went through: its output items, or its own error. */
export type ItemOutcome = { output: INodeExecutionData[] } | { error: unknown };

/**
 * What a unit's work gives back: its output items (each paired by the work), or one outcome per item of the unit,
 * in the unit's order, when some records of one call can fail while the others succeed (a batch write).
 */
export type UnitOutput = INodeExecutionData[] | { perItem: ItemOutcome[] };

/** What a failed unit does to the run. */
export interface FailurePolicy {
	/** An error item per input item instead of failing the node (On Error → Continue). */
	continueOnFail: boolean;
	/** An AI agent learns more from the upstream's error body than from a failed run, so a tool never fails. */
	toolMode: boolean;
}

export interface UnitRunContext {
	node: INode;
	secret: string;
	policy: FailurePolicy;
	/** Aborts everything in flight: the run's fail-fast stop. */
	stop: AbortController;
	/** The execution's cancel signal, when n8n gives one. */
	cancel?: AbortSignal;
}

/**
 * Runs work that covers no input item (a poll, an editor list) and converts its failure, with no item index: the
 * trigger's and the editor's way through the same conversion as the units'.
 */
export async function runOnce<T>(
	work: () => Promise<T>,
	context: Pick<UnitRunContext, 'node' | 'secret'>,
): Promise<T> {
	try {
		return await work();
	} catch (error) {
		throw toNodeError(context.node, error, undefined, context.secret);
	}
}

/** One unit per input item. */
export function singleItemUnits(itemCount: number): WorkUnit[] {
	return Array.from({ length: itemCount }, (_, item) => ({ items: [item] }));
}

/**
 * Runs every unit at once (flow control inside decides how many requests are really in flight) and returns their
 * outputs in input order, whatever order they finish in. A unit's work pairs its own output items; a failed unit
 * (or a failed item of a unit) gives each of its failed items an error item, paired to that item, or fails the
 * node fast: no request starts once one has failed.
 */
export async function runUnits(
	units: WorkUnit[],
	work: (unit: WorkUnit) => Promise<UnitOutput>,
	context: UnitRunContext,
): Promise<INodeExecutionData[]> {
	const { policy, stop } = context;
	const keepGoing = policy.continueOnFail || policy.toolMode;
	const results: INodeExecutionData[][] = new Array(units.length);
	let failure: { error: unknown; itemIndex: number } | undefined;
	let finishedItems = 0;
	const fail = (error: unknown, itemIndex: number) => {
		if (failure || stop.signal.aborted) return;
		failure = { error, itemIndex };
		stop.abort();
	};
	await Promise.all(
		units.map(async (unit, unitIndex) => {
			try {
				const output = await work(unit);
				finishedItems += unit.items.length;
				if (Array.isArray(output)) {
					results[unitIndex] = output;
					return;
				}
				const failed = unit.items
					.map((itemIndex, position) => ({ itemIndex, outcome: output.perItem[position] }))
					.filter(({ outcome }) => 'error' in outcome)
					.map(({ itemIndex, outcome }) => ({
						itemIndex,
						error: (outcome as { error: unknown }).error,
					}));
				if (failed.length > 0 && !keepGoing) {
					fail(partialFailure(failed, unit.items.length, context.secret), failed[0].itemIndex);
					return;
				}
				results[unitIndex] = output.perItem.flatMap((outcome, position) =>
					'error' in outcome
						? [errorItem(outcome.error, unit.items[position], context.secret)]
						: outcome.output,
				);
			} catch (error) {
				if (keepGoing) {
					results[unitIndex] = unit.items.map((itemIndex) =>
						errorItem(error, itemIndex, context.secret),
					);
				} else fail(error, unit.items[0]);
			}
		}),
	);
	if (context.cancel?.aborted) {
		const itemCount = units.reduce((sum, unit) => sum + unit.items.length, 0);
		throw toNodeError(
			context.node,
			executionCanceled(finishedItems, itemCount),
			undefined,
			context.secret,
		);
	}
	if (failure) throw toNodeError(context.node, failure.error, failure.itemIndex, context.secret);
	return results.flat();
}
