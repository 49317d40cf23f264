import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import { DEFAULT_TOOL_MAX_RECORDS } from '../shared/defaults';
import { getPath, withPath } from '../shared/jsonPath';

export interface OptimizeSettings {
	recordsPath?: string;
	fields?: string;
	maxRecords?: number;
}

/**
 * True when an AI Agent runs the node as a tool. n8n 1.x calls the node with a context whose
 * `isToolExecution()` is true; 2.x's engine runs the tool variant as an ordinary node (where it returns
 * false), but in both lines the tool variant's type name ends in "Tool".
 */
export function isToolMode(context: {
	isToolExecution?: () => boolean;
	getNode: () => INode;
}): boolean {
	if (typeof context.isToolExecution === 'function' && context.isToolExecution()) return true;
	return context.getNode().type.endsWith('Tool');
}

function pickFields(record: unknown, fields: string[]): IDataObject {
	if (typeof record !== 'object' || record === null || Array.isArray(record))
		return { value: record as IDataObject[string] };
	if (!fields.length) return record as IDataObject;
	let picked: Record<string, unknown> = {};
	for (const path of fields) {
		const value = getPath(record, path);
		if (value !== undefined) picked = withPath(picked, path, value);
	}
	return picked as IDataObject;
}

/**
 * Trims one input item's output for a model: takes the records at `recordsPath`, keeps only `fields` and at
 * most `maxRecords`, and drops binary data, which agents cannot read.
 */
export function optimizeForModel(
	items: INodeExecutionData[],
	settings: OptimizeSettings,
): INodeExecutionData[] {
	const recordsPath = (settings.recordsPath ?? '').trim();
	const fields = String(settings.fields ?? '')
		.split(',')
		.map((field) => field.trim())
		.filter((field) => field !== '');
	const maxRecords = Math.max(
		1,
		Math.floor(Number(settings.maxRecords) || DEFAULT_TOOL_MAX_RECORDS),
	);
	const trimmed: INodeExecutionData[] = [];
	for (const item of items) {
		const selected = recordsPath ? getPath(item.json, recordsPath) : item.json;
		const records = Array.isArray(selected) ? selected : selected === undefined ? [] : [selected];
		for (const record of records) {
			if (trimmed.length >= maxRecords) break;
			trimmed.push({ json: pickFields(record, fields), pairedItem: item.pairedItem });
		}
	}
	if (trimmed.length === 0 && items.length > 0) {
		const note = recordsPath ? `No records at "${recordsPath}" in the response` : 'Empty response';
		trimmed.push({ json: { note }, pairedItem: items[0].pairedItem });
	}
	return trimmed;
}
