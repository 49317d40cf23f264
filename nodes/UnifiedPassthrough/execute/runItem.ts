import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';

import {
	buildRequest,
	type BinaryBodyBuilder,
	type ParameterReader,
} from '../request/buildRequest';
import { detectBodyError } from '../response/bodyError';
import { isSuccessStatus } from '../response/readResponse';
import type { RequestSpec } from '../request/types';
import { summarizeHttpError } from '../response/upstreamError';
import { PassthroughFailure } from '../shared/failure';
import { attemptsNote } from '../dispatch/withRetry';
import { exchange, type ExchangeContext, type ExchangeResult } from './exchange';
import type { ItemOptions } from './options';
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

/** Throws when the response is an error the user did not ask to receive as output. */
export function assertUsable(
	response: ExchangeResult<IBinaryData>,
	options: ItemOptions,
	connectionId: string,
	path: string,
): void {
	// 304 Not Modified answers a conditional request the user sent (If-None-Match): a result, not a failure.
	if (!isSuccessStatus(response.statusCode) && response.statusCode !== 304) {
		if (options.neverError) return;
		const summary = summarizeHttpError({
			statusCode: response.statusCode,
			headers: response.headers,
			body: response.body,
			connectionId,
			path,
		});
		throw new PassthroughFailure(
			summary.message + attemptsNote(response.attempts, response.waitedMs),
			{
				description: summary.description,
				statusCode: response.statusCode,
				body: response.body,
			},
		);
	}
	if (options.failOnBodyError && response.kind === 'json') {
		const bodyError = detectBodyError(response.body);
		if (bodyError) {
			throw new PassthroughFailure(bodyError.message, {
				description: bodyError.description,
				statusCode: response.statusCode,
				body: response.body,
			});
		}
	}
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
