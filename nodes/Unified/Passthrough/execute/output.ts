import type { IBinaryData, IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { CallResult } from '../../core/caller/passthroughCall';

export interface OutputOptions {
	fullResponse: boolean;
	outputPropertyName: string;
}

export function toJsonObject(value: unknown, outputPropertyName: string): IDataObject {
	if (typeof value === 'object' && value !== null && !Array.isArray(value))
		return value as IDataObject;
	if (value === undefined || value === null) return {};
	return { [outputPropertyName]: value as IDataObject[keyof IDataObject] };
}

/** One item per record, each paired to `itemIndex`; none for an empty list (the caller decides what that means). */
export function recordItems(
	records: readonly unknown[],
	outputPropertyName: string,
	itemIndex: number,
): INodeExecutionData[] {
	return records.map((record) => ({
		json: toJsonObject(record, outputPropertyName),
		pairedItem: { item: itemIndex },
	}));
}

/** Turns one response into the items it yields; every item is paired to `itemIndex`. */
export function shapeOutput(
	response: CallResult<IBinaryData>,
	options: OutputOptions,
	itemIndex: number,
): INodeExecutionData[] {
	const pairedItem = { item: itemIndex };
	const binary = response.binary ? { [options.outputPropertyName]: response.binary } : undefined;
	if (options.fullResponse) {
		const body =
			response.kind === 'empty' ? {} : response.kind === 'binary' ? undefined : response.body;
		const json: IDataObject = {
			statusCode: response.statusCode,
			headers: response.headers as IDataObject,
			body: body as IDataObject,
		};
		return [binary ? { json, binary, pairedItem } : { json, pairedItem }];
	}
	if (binary) return [{ json: {}, binary, pairedItem }];
	if (response.kind === 'text') {
		return [{ json: { [options.outputPropertyName]: response.body as string }, pairedItem }];
	}
	if (Array.isArray(response.body)) {
		if (response.body.length === 0) return [{ json: {}, pairedItem }];
		return response.body.map((element) => ({
			json: toJsonObject(element, options.outputPropertyName),
			pairedItem,
		}));
	}
	return [{ json: toJsonObject(response.body, options.outputPropertyName), pairedItem }];
}
