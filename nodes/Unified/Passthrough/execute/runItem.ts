import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';

import {
	buildRequest,
	type BinaryBodyBuilder,
	type ParameterReader,
} from '../../core/request/buildRequest';
import type { RequestSpec } from '../../core/request/types';
import { assertUsable } from '../../core/exchange/assertUsable';
import { exchange, type ExchangeContext } from '../../core/exchange/exchange';
import type { ItemOptions } from '../../core/runtime/options';
import { shapeOutput } from './output';
import { runPaged } from './runPaged';
import { assertSplittable, splitIntoItems } from './splitItems';

export interface ItemRun {
	itemIndex: number;
	connectionId: string;
	options: ItemOptions;
	readParameter: ParameterReader;
	buildBinaryBody?: BinaryBodyBuilder;
	exchange: Omit<ExchangeContext<IBinaryData>, 'retry' | 'reading'> & {
		reading: Omit<
			ExchangeContext<IBinaryData>['reading'],
			'format' | 'neverError' | 'maxBodyBytes' | 'maxCompressionRatio'
		>;
	};
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
	const call = async (request: RequestSpec) => {
		const response = await exchange(request, {
			...run.exchange,
			retry: options.retry,
			reading: {
				...run.exchange.reading,
				format: options.responseFormat,
				neverError: options.neverError,
				maxBodyBytes: options.maxBodyBytes,
				maxCompressionRatio: options.maxCompressionRatio,
				fingerprint: options.pagination !== undefined,
			},
		});
		assertUsable(response, options, run.connectionId, request.path);
		return response;
	};
	if (options.pagination)
		return await runPaged(spec, options.pagination, options, run.itemIndex, call);
	const response = await call(spec);
	return options.splitIntoItems
		? splitIntoItems(response, options.splitIntoItems, options, run.itemIndex)
		: shapeOutput(response, options, run.itemIndex);
}
