import { randomBytes } from 'node:crypto';

import type { IExecuteFunctions, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { actionItemWork, readActionItem, type ActionItem } from '../execute/actionItem';
import { connectionCaller } from '../../core/caller/connectionCaller';
import { executionParameterReader } from '../execute/parameterReader';
import { buildRequest } from '../../core/request/buildRequest';
import type { Runtime } from '../../core/runtime/createRuntime';
import type { UnitOutput, WorkUnit } from '../../core/runtime/runUnits';
import { ParameterError } from '../../core/errors';
import { sharedIdErrors } from './claimedIds';
import { groupConsecutive } from './group';
import { sendBatch, type BatchCall } from './sendBatch';
import { resolveBatching, type RawBatching } from './batchSettings';

type Prepared =
	| { kind: 'batch'; call: Omit<BatchCall, 'caller'>; key: string; record: unknown }
	| { kind: 'single' }
	| { kind: 'failed'; error: unknown };

/**
 * Whether the saved parameters ask for batching at all (a mode other than off, or an expression): judged once per
 * execution, so that runs without it keep the per-item path untouched.
 */
export function batchingRequested(parameters: INodeParameters): boolean {
	const options = parameters.options as { batching?: { settings?: RawBatching } } | undefined;
	const mode = options?.batching?.settings?.mode;
	return mode !== undefined && mode !== 'off';
}

/** Reads one item as a record of a batch: its call (everything the batch shares) and its record. */
async function prepare(item: ActionItem, itemIndex: number, runToken: string): Promise<Prepared> {
	const { readParameter, rawOptions, options, connectionId } = item;
	const settings = resolveBatching(
		(rawOptions as { batching?: { settings?: RawBatching } }).batching?.settings,
		options.pagination !== undefined,
	);
	if (!settings) return { kind: 'single' };
	if (
		!readParameter<boolean>('sendBody', false) ||
		readParameter('contentType', 'json') !== 'json'
	) {
		throw new ParameterError(
			'contentType',
			'Batching builds one JSON body from the items\' bodies: turn on "Send Body" with "Body Content Type" JSON',
		);
	}
	const { body, ...spec } = await buildRequest(readParameter, {
		queryArrayFormat: options.queryArrayFormat,
		domain: options.domain,
	});
	const operation = settings.mode.operation(spec.method, spec.path);
	const { record, shared } = settings.mode.record(
		JSON.parse(String(await body!.open())),
		operation,
		itemIndex,
		runToken,
	);
	// Anything that differs between two items keeps them out of one call.
	const key = JSON.stringify([connectionId, spec, shared, rawOptions]);
	return {
		kind: 'batch',
		call: { connectionId, spec, shared, settings, operation, options },
		key,
		record,
	};
}

/** The action node with batching: items grouped into calls, each item's own result or error back on it. */
export async function runBatchedAction(
	context: IExecuteFunctions,
	runtime: Runtime,
): Promise<INodeExecutionData[]> {
	const itemCount = context.getInputData().length;
	const readerFor = executionParameterReader(context, context.getNode().parameters);
	const runToken = randomBytes(12).toString('base64url');
	const prepared = await Promise.all(
		Array.from({ length: itemCount }, async (_, itemIndex): Promise<Prepared> => {
			try {
				return await prepare(
					await readActionItem(context, runtime, itemIndex, readerFor(itemIndex)),
					itemIndex,
					runToken,
				);
			} catch (error) {
				return { kind: 'failed', error };
			}
		}),
	);
	const clashes = sharedIdErrors(
		prepared.flatMap((entry, itemIndex) =>
			entry.kind === 'batch'
				? [
						{
							itemIndex,
							record: entry.record,
							mode: entry.call.settings.mode,
							operation: entry.call.operation,
						},
					]
				: [],
		),
	);
	for (const [itemIndex, error] of clashes) prepared[itemIndex] = { kind: 'failed', error };
	const capped = prepared.find(
		(entry) => entry.kind === 'batch' && entry.call.settings.cappedFrom !== undefined,
	);
	if (capped?.kind === 'batch' && typeof context.addExecutionHints === 'function') {
		const { settings } = capped.call;
		context.addExecutionHints({
			message: `"Batch Size" ${settings.cappedFrom} is above what the API takes in one call; ${settings.batchSize} records were sent per call instead`,
			location: 'outputPane',
		});
	}
	const units: WorkUnit[] = groupConsecutive(
		prepared.map((entry) =>
			entry.kind === 'batch'
				? { key: entry.key, maxSize: entry.call.settings.batchSize }
				: { maxSize: 1 },
		),
	).map((items) => ({ items }));
	const singleWork = actionItemWork(context, runtime);
	const work = async (unit: WorkUnit): Promise<UnitOutput> => {
		const first = prepared[unit.items[0]];
		if (first.kind === 'failed') throw first.error;
		if (first.kind === 'single') return await singleWork(unit);
		const call: BatchCall = {
			...first.call,
			caller: connectionCaller(runtime, first.call.connectionId, first.call.options),
		};
		const records = unit.items.map((itemIndex) => ({
			itemIndex,
			record: (prepared[itemIndex] as { record: unknown }).record,
		}));
		return { perItem: await sendBatch(call, records) };
	};
	return await runtime.run(units, work);
}
