import type {
	IBinaryData,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INode,
	IPollFunctions,
} from 'n8n-workflow';

import { chunkByChunk } from './binaryOutput';
import type { RawOptions } from './options';
import { isToolMode } from './toolMode';
import type { BinaryStore } from '../response/readResponse';
import type { UnifiedCredentials } from '../shared/baseUrl';

/**
 * What the runtime needs from n8n, whatever kind of node runs it: an action node's IExecuteFunctions today, a
 * polling trigger's IPollFunctions next. Each kind of context gets one small adapter to this.
 */
export interface RuntimeHost {
	node: INode;
	credentials(): Promise<UnifiedCredentials>;
	/** Options that hold for the whole execution (concurrency, request interval, proxy of the lookups): the first item's. */
	executionOptions(): RawOptions;
	/** The execution's cancel signal, when this n8n version has one. */
	cancelSignal?: AbortSignal;
	continueOnFail: boolean;
	toolMode: boolean;
	storeBinary: BinaryStore<IBinaryData>;
	/** A warning for n8n's log (a quota nearly used up). */
	warn(message: string): void;
}

export function executeHost(context: IExecuteFunctions): RuntimeHost {
	return {
		node: context.getNode(),
		credentials: async () =>
			(await context.getCredentials('unifiedApi')) as unknown as UnifiedCredentials,
		executionOptions: () => context.getNodeParameter('options', 0, {}) as RawOptions,
		cancelSignal:
			typeof context.getExecutionCancelSignal === 'function'
				? context.getExecutionCancelSignal()
				: undefined,
		continueOnFail: context.continueOnFail(),
		toolMode: isToolMode(context),
		storeBinary: async (stream, fileName, mimeType) =>
			await context.helpers.prepareBinaryData(chunkByChunk(stream), fileName, mimeType),
		warn: (message) => context.logger?.warn(`${context.getNode().name}: ${message}`),
	};
}

/** A run that is not per input item (a poll, an editor list): one unit of work, no continue-on-fail, never a tool. */
function singleRunHost(
	context: IPollFunctions | ILoadOptionsFunctions,
	storeBinary: BinaryStore<IBinaryData>,
): RuntimeHost {
	return {
		node: context.getNode(),
		credentials: async () =>
			(await context.getCredentials('unifiedApi')) as unknown as UnifiedCredentials,
		executionOptions: () => context.getNodeParameter('options', {}) as RawOptions,
		continueOnFail: false,
		toolMode: false,
		storeBinary,
		warn: (message) => context.logger?.warn(`${context.getNode().name}: ${message}`),
	};
}

/** A polling trigger's poll. */
export function pollHost(context: IPollFunctions): RuntimeHost {
	return singleRunHost(
		context,
		async (stream, fileName, mimeType) =>
			await context.helpers.prepareBinaryData(chunkByChunk(stream), fileName, mimeType),
	);
}

/** The editor loading a list (a trigger's objects, channels...): reads JSON only, never a file. */
export function loadOptionsHost(context: ILoadOptionsFunctions): RuntimeHost {
	return singleRunHost(context, async () => {
		throw new Error('A list for the editor is read as JSON, never stored as a file');
	});
}
