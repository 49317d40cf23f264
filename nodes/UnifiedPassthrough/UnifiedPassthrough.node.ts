import { setMaxListeners } from 'node:events';

import {
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { bodyProperties } from './description/body';
import { connectionProperties } from './description/connection';
import { optionsProperty } from './description/options';
import { requestProperties } from './description/request';
import { n8nBinaryResolver } from './execute/binaryInput';
import { cachedXrefResolver, resolveConnectionId, unifiedXrefLookup, type ConnectionParameter } from './execute/connection';
import { modelRoutingError } from './execute/modelRouting';
import { errorItem, toNodeError } from './execute/nodeErrors';
import { resolveItemOptions, resolveExecutionSettings, type ExecutionSettings, type RawOptions } from './execute/options';
import { runItem } from './execute/runItem';
import { isToolMode, optimizeForModel, type OptimizeSettings } from './execute/toolMode';
import { searchConnections } from './methods/listSearch';
import { createBinaryBodyBuilder } from './request/binaryBody';
import type { ParameterReader } from './request/buildRequest';
import { apiBaseUrl, type UnifiedCredentials } from './shared/baseUrl';
import { getDispatcher } from './transport/dispatcher';
import { RequestLimiter } from './transport/limiter';

export class UnifiedPassthrough implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Unified.to Passthrough',
		name: 'unifiedPassthrough',
		icon: { light: 'file:unified.svg', dark: 'file:unified.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["method"] + " " + $parameter["path"]}}',
		description: 'Call any API behind a Unified.to connection (HubSpot, Slack, Salesforce...) with retries, pagination and files',
		defaults: { name: 'Unified.to Passthrough' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'unifiedApi', required: true }],
		properties: [...connectionProperties, ...requestProperties, ...bodyProperties, optionsProperty],
	};

	methods = {
		listSearch: { searchConnections },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const credentials = (await this.getCredentials('unifiedApi')) as unknown as UnifiedCredentials;
		const secret = String(credentials.apiKey ?? '');
		let baseUrl: string;
		try {
			baseUrl = apiBaseUrl(credentials);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), (error as Error).message);
		}

		const firstOptions = this.getNodeParameter('options', 0, {}) as RawOptions;
		let settings: ExecutionSettings;
		try {
			settings = resolveExecutionSettings(firstOptions);
		} catch (error) {
			throw toNodeError(this.getNode(), error, 0, secret);
		}
		const stop = new AbortController();
		const cancel = typeof this.getExecutionCancelSignal === 'function' ? this.getExecutionCancelSignal() : undefined;
		const signal = cancel ? AbortSignal.any([cancel, stop.signal]) : stop.signal;
		// Every request and wait in flight listens on it: without this, Node warns of a leak above 10.
		setMaxListeners(Infinity, signal);
		const limiter = new RequestLimiter(settings.concurrency, settings.requestIntervalMs, signal);
		const continueOnFail = this.continueOnFail();
		// An agent learns more from the upstream's error body than from a failed run, so a tool never fails.
		const toolMode = isToolMode(this);
		// The saved parameters are the same for every item: judged once, refused per item before anything is sent.
		const modelRouting = modelRoutingError(this.getNode().parameters, toolMode);
		// Once per execution, like Concurrency: the lookups share the first item's proxy and TLS settings.
		const resolveXref = cachedXrefResolver(unifiedXrefLookup(credentials, signal, firstOptions));

		const results: INodeExecutionData[][] = new Array(items.length);
		let failure: { error: unknown; itemIndex: number } | undefined;
		let finished = 0;

		await Promise.all(
			items.map(async (_item, itemIndex) => {
				try {
					if (modelRouting) throw modelRouting;
					const read: ParameterReader = <T>(name: string, fallback: T) =>
						this.getNodeParameter(name, itemIndex, fallback) as T;
					const rawOptions = read<RawOptions & { connectionCategory?: string; optimizeResponse?: { settings?: OptimizeSettings } }>(
						'options',
						{},
					);
					const connectionId = await resolveConnectionId(
						this.getNodeParameter('connection', itemIndex, '') as ConnectionParameter,
						String(rawOptions.connectionCategory ?? ''),
						resolveXref,
					);
					const options = resolveItemOptions(rawOptions);
					const output = await runItem({
						itemIndex,
						connectionId,
						options,
						read,
						buildBinaryBody: createBinaryBodyBuilder(n8nBinaryResolver(this, itemIndex)),
						exchange: {
							send: {
								baseUrl,
								apiKey: secret,
								connectionId,
								dispatcher: getDispatcher(options),
								signal,
								headersTimeoutMs: options.headersTimeoutMs,
								bodyTimeoutMs: options.bodyTimeoutMs,
							},
							limiter,
							read: { secret },
							storeBinary: async (stream, fileName, mimeType) =>
								await this.helpers.prepareBinaryData(stream, fileName, mimeType),
							signal,
						},
					});
					const optimize = rawOptions.optimizeResponse?.settings;
					results[itemIndex] = toolMode && optimize ? optimizeForModel(output, optimize) : output;
					finished++;
				} catch (error) {
					if (continueOnFail || toolMode) {
						results[itemIndex] = [errorItem(error, itemIndex, secret)];
					} else if (!failure && !stop.signal.aborted) {
						failure = { error, itemIndex };
						// Fail fast: no request starts once an item has failed.
						stop.abort();
					}
				}
			}),
		);
		if (cancel?.aborted) {
			// Worded with "canceled" on purpose: n8n's engine then records the execution as canceled, not failed.
			throw new NodeOperationError(this.getNode(), 'The execution was canceled: requests in flight were aborted and no new request was started', {
				description: `${finished} of ${items.length} items had finished before the cancel.`,
			});
		}
		if (failure) throw toNodeError(this.getNode(), failure.error, failure.itemIndex, secret);
		return [results.flat()];
	}
}
