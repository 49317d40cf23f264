import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

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
export function isToolMode(context: { isToolExecution?: () => boolean; getNode: () => INode }): boolean {
	if (typeof context.isToolExecution === 'function' && context.isToolExecution()) return true;
	return context.getNode().type.endsWith('Tool');
}

function splitPath(path: string): string[] {
	return path.split('.').map((segment) => segment.trim()).filter(Boolean);
}

function getPath(value: unknown, path: string[]): unknown {
	let current = value;
	for (const segment of path) {
		if (typeof current !== 'object' || current === null) return undefined;
		current = (current as Record<string, unknown>)[segment];
	}
	return current;
}

function setPath(target: IDataObject, path: string[], value: unknown): void {
	let current = target;
	path.slice(0, -1).forEach((segment) => {
		if (typeof current[segment] !== 'object' || current[segment] === null) current[segment] = {};
		current = current[segment] as IDataObject;
	});
	current[path[path.length - 1]] = value as IDataObject[string];
}

function pickFields(record: unknown, fields: string[][]): IDataObject {
	if (typeof record !== 'object' || record === null || Array.isArray(record)) return { value: record as IDataObject[string] };
	if (!fields.length) return record as IDataObject;
	const picked: IDataObject = {};
	for (const path of fields) {
		const value = getPath(record, path);
		if (value !== undefined) setPath(picked, path, value);
	}
	return picked;
}

/**
 * Trims one input item's output for a model: takes the records at `recordsPath`, keeps only `fields` and at
 * most `maxRecords`, and drops binary data, which agents cannot read.
 */
export function optimizeForModel(items: INodeExecutionData[], settings: OptimizeSettings): INodeExecutionData[] {
	const recordsPath = splitPath(settings.recordsPath ?? '');
	const fields = String(settings.fields ?? '')
		.split(',')
		.map(splitPath)
		.filter((path) => path.length > 0);
	const maxRecords = Math.max(1, Math.floor(Number(settings.maxRecords) || 50));
	const trimmed: INodeExecutionData[] = [];
	for (const item of items) {
		const selected = recordsPath.length ? getPath(item.json, recordsPath) : item.json;
		const records = Array.isArray(selected) ? selected : selected === undefined ? [] : [selected];
		for (const record of records) {
			if (trimmed.length >= maxRecords) break;
			trimmed.push({ json: pickFields(record, fields), pairedItem: item.pairedItem });
		}
	}
	if (trimmed.length === 0 && items.length > 0) {
		const note = recordsPath.length ? `No records at "${recordsPath.join('.')}" in the response` : 'Empty response';
		trimmed.push({ json: { note }, pairedItem: items[0].pairedItem });
	}
	return trimmed;
}
