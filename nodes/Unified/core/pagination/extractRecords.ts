import { PaginationError } from '../errors/paginationError';
import { getPath } from '../shared/jsonPath';

/** What a body holds instead of the expected list, e.g. "it has the fields total, results". */
export function describeFields(body: unknown): string {
	if (typeof body !== 'object' || body === null)
		return `it is ${body === null ? 'null' : typeof body}`;
	const keys = Object.keys(body);
	return keys.length
		? `it has the fields ${keys.slice(0, 12).join(', ')}`
		: 'it is an empty object';
}

/**
 * The records of one page. With a records path, the array found there. Without one: the body itself when it is
 * an array, else the single top-level array field (Slack's `channels`, `members`, `messages`...). Anything else
 * is an error naming "Records Path", never a silent empty page.
 */
export function extractRecords(body: unknown, recordsPath: string, page: number): unknown[] {
	if (recordsPath) {
		const found = getPath(body, recordsPath);
		if (Array.isArray(found)) return found;
		throw new PaginationError(
			`Page ${page} has no list of records at "${recordsPath}" (${found === undefined ? describeFields(body) : `found ${typeof found}`})`,
			'Set "Records Path" under Pagination to the field that holds the list, e.g. results or data.items.',
		);
	}
	if (Array.isArray(body)) return body;
	const arrays =
		typeof body === 'object' && body !== null
			? Object.entries(body).filter(([, value]) => Array.isArray(value))
			: [];
	if (arrays.length === 1) return arrays[0][1] as unknown[];
	throw new PaginationError(
		arrays.length === 0
			? `Page ${page} has no list of records (${describeFields(body)})`
			: `Page ${page} has several lists (${arrays.map(([key]) => key).join(', ')}); it is not clear which holds the records`,
		'Set "Records Path" under Pagination to the field that holds the list, or choose Output "Pages".',
	);
}
