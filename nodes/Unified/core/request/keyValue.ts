import { ParameterError } from '../errors/parameterError';

export interface NameValueRow {
	name?: unknown;
	value?: unknown;
}

/** Parses a JSON parameter that may arrive as a string (typed) or already as an object (expression). */
export function parseJsonParameter(parameter: string, label: string, value: unknown): unknown {
	if (typeof value !== 'string') return value;
	if (value.trim() === '') return undefined;
	try {
		return JSON.parse(value);
	} catch (error) {
		throw new ParameterError(
			parameter,
			`The value in the "${label}" field (${parameter}) is not valid JSON: ${(error as Error).message}`,
		);
	}
}

export function parseJsonObjectParameter(
	parameter: string,
	label: string,
	value: unknown,
): Record<string, unknown> {
	const parsed = parseJsonParameter(parameter, label, value);
	if (parsed === undefined || parsed === null) return {};
	if (typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new ParameterError(
			parameter,
			`The "${label}" field (${parameter}) must be a JSON object`,
		);
	}
	return parsed as Record<string, unknown>;
}

/** A row's name as text ('' when absent). */
export function rowName(row: NameValueRow): string {
	return row.name === undefined || row.name === null ? '' : String(row.name);
}

/** Rows with an empty name are dropped, as in n8n's HTTP Request node. */
export function rowsToPairs(rows: NameValueRow[] | undefined): Array<[string, unknown]> {
	const pairs: Array<[string, unknown]> = [];
	for (const row of rows ?? []) {
		const name = rowName(row);
		if (name === '') continue;
		pairs.push([name, row.value]);
	}
	return pairs;
}

export function stringifyValue(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}
