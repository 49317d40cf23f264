import type { INodeExecutionData } from 'n8n-workflow';

import {
	buildRequest,
	type BinaryBodyBuilder,
	type ParameterReader,
} from '../../core/request/buildRequest';
import type { RequestSpec } from '../../core/request/requestSpec';
import type { ConnectionCaller } from '../../core/caller/connectionCaller';
import type { ItemOptions } from '../../core/runtime/options';
import { shapeOutput } from './output';
import { runPaged } from './runPaged';
import { assertSplittable, splitIntoItems } from './splitItems';

export interface ItemRun {
	itemIndex: number;
	options: ItemOptions;
	readParameter: ParameterReader;
	buildBinaryBody?: BinaryBodyBuilder;
	/** The item's connection, called with the item's options. */
	caller: ConnectionCaller;
}

/** One input item: parameters -> request -> response -> output items. */
export async function runItem(run: ItemRun): Promise<INodeExecutionData[]> {
	const { options } = run;
	if (options.splitIntoItems && !options.pagination) assertSplittable(options);
	const spec = await buildRequest(
		run.readParameter,
		{ queryArrayFormat: options.queryArrayFormat, domain: options.domain },
		run.buildBinaryBody,
	);
	const call = async (request: RequestSpec) =>
		await run.caller.call(request, { fingerprint: options.pagination !== undefined });
	if (options.pagination)
		return await runPaged(spec, options.pagination, options, run.itemIndex, call);
	const response = await call(spec);
	return options.splitIntoItems
		? splitIntoItems(response, options.splitIntoItems, options, run.itemIndex)
		: shapeOutput(response, options, run.itemIndex);
}
