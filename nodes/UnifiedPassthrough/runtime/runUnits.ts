import { NodeOperationError, type INode, type INodeExecutionData } from 'n8n-workflow';

import { errorItem, toNodeError } from '../execute/nodeErrors';

/** A unit of work: the input items one call (or one poll) covers, in input order. One item today; a batch later. */
export interface WorkUnit {
	items: number[];
}

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

/** One unit per input item. */
export function singleItemUnits(itemCount: number): WorkUnit[] {
	return Array.from({ length: itemCount }, (_, item) => ({ items: [item] }));
}

/**
 * Runs every unit at once (the limiter inside decides how many requests are really in flight) and returns their
 * outputs in input order, whatever order they finish in. A unit's work pairs its own output items; a failed unit
 * gives each of its items an error item, paired to that item, or fails the node fast: no request starts once one
 * has failed.
 */
export async function runUnits(
	units: WorkUnit[],
	work: (unit: WorkUnit) => Promise<INodeExecutionData[]>,
	context: UnitRunContext,
): Promise<INodeExecutionData[]> {
	const { policy, stop } = context;
	const results: INodeExecutionData[][] = new Array(units.length);
	let failure: { error: unknown; itemIndex: number } | undefined;
	let finishedItems = 0;
	await Promise.all(
		units.map(async (unit, unitIndex) => {
			try {
				results[unitIndex] = await work(unit);
				finishedItems += unit.items.length;
			} catch (error) {
				if (policy.continueOnFail || policy.toolMode) {
					results[unitIndex] = unit.items.map((itemIndex) =>
						errorItem(error, itemIndex, context.secret),
					);
				} else if (!failure && !stop.signal.aborted) {
					failure = { error, itemIndex: unit.items[0] };
					stop.abort();
				}
			}
		}),
	);
	if (context.cancel?.aborted) {
		const itemCount = units.reduce((sum, unit) => sum + unit.items.length, 0);
		// Worded with "canceled" on purpose: n8n's engine then records the execution as canceled, not failed.
		throw new NodeOperationError(
			context.node,
			'The execution was canceled: requests in flight were aborted and no new request was started',
			{
				description: `${finishedItems} of ${itemCount} items had finished before the cancel.`,
			},
		);
	}
	if (failure) throw toNodeError(context.node, failure.error, failure.itemIndex, context.secret);
	return results.flat();
}
