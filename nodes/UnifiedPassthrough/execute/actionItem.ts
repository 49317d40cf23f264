import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { createBinaryBodyBuilder } from '../request/binaryBody';
import type { Runtime } from '../runtime/createRuntime';
import type { WorkUnit } from '../runtime/runUnits';
import { getDispatcher } from '../transport/dispatcher';
import { n8nBinaryResolver } from './binaryInput';
import { resolveConnectionId, type ConnectionParameter } from './connection';
import { modelRoutingError } from './modelRouting';
import { resolveItemOptions, type RawOptions } from './options';
import { executionParameterReader } from './parameterReader';
import { runItem } from './runItem';
import { optimizeForModel, type OptimizeSettings } from './toolMode';

type ActionOptions = RawOptions & {
	connectionCategory?: string;
	optimizeResponse?: { settings?: OptimizeSettings };
};

/** The action node's work for one input item: its parameters, its connection, its call, its output items. */
export function actionItemWork(
	context: IExecuteFunctions,
	runtime: Runtime,
): (unit: WorkUnit) => Promise<INodeExecutionData[]> {
	const { toolMode } = runtime.policy;
	// The saved parameters are the same for every item: judged once, refused per item before anything is sent.
	const saved = context.getNode().parameters;
	const modelRouting = modelRoutingError(saved, toolMode);
	const readerFor = executionParameterReader(context, saved);
	return async ({ items: [itemIndex] }) => {
		if (modelRouting) throw modelRouting;
		const readParameter = readerFor(itemIndex);
		const rawOptions = readParameter<ActionOptions>('options', {});
		const connectionId = await resolveConnectionId(
			readParameter<ConnectionParameter>('connection', ''),
			String(rawOptions.connectionCategory ?? ''),
			runtime.resolveXref,
		);
		const options = resolveItemOptions(rawOptions);
		const output = await runItem({
			itemIndex,
			connectionId,
			options,
			readParameter,
			buildBinaryBody: createBinaryBodyBuilder(n8nBinaryResolver(context, itemIndex)),
			exchange: {
				send: {
					baseUrl: runtime.baseUrl,
					apiKey: runtime.secret,
					connectionId,
					dispatcher: getDispatcher(options),
					signal: runtime.signal,
					headersTimeoutMs: options.headersTimeoutMs,
					bodyTimeoutMs: options.bodyTimeoutMs,
				},
				limiter: runtime.limiter,
				reading: { secret: runtime.secret },
				storeBinary: runtime.storeBinary,
				signal: runtime.signal,
			},
		});
		const optimize = rawOptions.optimizeResponse?.settings;
		return toolMode && optimize ? optimizeForModel(output, optimize) : output;
	};
}
