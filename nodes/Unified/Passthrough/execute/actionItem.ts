import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { createBinaryBodyBuilder } from '../request/binaryBody';
import type { ParameterReader } from '../../core/request/buildRequest';
import type { Runtime } from '../../core/runtime/createRuntime';
import type { WorkUnit } from '../../core/runtime/runUnits';
import { n8nBinaryResolver } from './binaryInput';
import { resolveConnectionId, type ConnectionParameter } from '../../core/runtime/connection';
import { modelRoutingError } from './modelRouting';
import { resolveItemOptions, type ItemOptions, type RawOptions } from '../../core/runtime/options';
import { executionParameterReader } from './parameterReader';
import { runItem } from './runItem';
import { connectionCaller } from '../../core/caller/connectionCaller';
import { optimizeForModel, type OptimizeSettings } from '../../core/runtime/toolMode';

export type ActionOptions = RawOptions & {
	connectionCategory?: string;
	optimizeResponse?: { settings?: OptimizeSettings };
};

/** What every call of one input item starts from: its parameters, its options, its connection. */
export interface ActionItem {
	readParameter: ParameterReader;
	rawOptions: ActionOptions;
	options: ItemOptions;
	connectionId: string;
}

/**
 * `readParameter`: the execution's reader for this item (`executionParameterReader`, which reads a parameter
 * without an expression once per execution); without one, every parameter is read for this item.
 */
export async function readActionItem(
	context: IExecuteFunctions,
	runtime: Runtime,
	itemIndex: number,
	readParameter: ParameterReader = <T>(name: string, fallback: T) =>
		context.getNodeParameter(name, itemIndex, fallback) as T,
): Promise<ActionItem> {
	const rawOptions = readParameter<ActionOptions>('options', {});
	const connectionId = await resolveConnectionId(
		readParameter<ConnectionParameter>('connection', ''),
		String(rawOptions.connectionCategory ?? ''),
		runtime.resolveXref,
	);
	return { readParameter, rawOptions, options: resolveItemOptions(rawOptions), connectionId };
}

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
		const { readParameter, rawOptions, options, connectionId } = await readActionItem(
			context,
			runtime,
			itemIndex,
			readerFor(itemIndex),
		);
		const output = await runItem({
			itemIndex,
			options,
			readParameter,
			buildBinaryBody: createBinaryBodyBuilder(n8nBinaryResolver(context, itemIndex)),
			caller: connectionCaller(runtime, connectionId, options),
		});
		const optimize = rawOptions.optimizeResponse?.settings;
		return toolMode && optimize ? optimizeForModel(output, optimize) : output;
	};
}
