import { json, type Reply } from '../types';
import type { ChangeFeed, FeedRecord } from './changeFeed';

/**
 * SOQL over the feed `salesforce:{Object}`: SELECT fields FROM Object [WHERE a AND (b) AND ...] [ORDER BY f
 * [ASC|DESC], ...] [LIMIT n]. Conditions compare a field with a quoted string, a number, true/false/null or an
 * unquoted datetime literal (2026-11-29T08:00:00Z). Enough for the trigger's queries, not a SOQL parser.
 */
const QUERY =
	/^\s*select\s+([\s\S]+?)\s+from\s+([A-Za-z0-9_]+)(?:\s+where\s+([\s\S]+?))?(?:\s+order\s+by\s+([\s\S]+?))?(?:\s+limit\s+(\d+))?\s*$/i;
const CONDITION = /^([A-Za-z0-9_.]+)\s*(=|!=|<>|>=|<=|>|<)\s*(.+)$/;
const DATETIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)$/;

export class SoqlError extends Error {}

/** Salesforce writes datetimes as 2026-11-29T08:00:00.000+0000. */
export function sfDateTime(ms: number): string {
	return new Date(ms).toISOString().replace('Z', '+0000');
}

export function salesforceRecord(object: string, record: FeedRecord, apiVersion = 'v62.0') {
	return {
		attributes: {
			type: object,
			url: `/services/data/${apiVersion}/sobjects/${object}/${record.id}`,
		},
		Id: record.id,
		...record.fields,
		CreatedDate: sfDateTime(record.createdAt),
		SystemModstamp: sfDateTime(record.updatedAt),
		LastModifiedDate: sfDateTime(record.updatedAt),
	};
}

function literal(text: string): unknown {
	const value = text.trim();
	if (/^'.*'$/s.test(value)) return value.slice(1, -1).replace(/\\'/g, "'");
	if (/^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
	if (/^null$/i.test(value)) return null;
	if (DATETIME.test(value)) return Date.parse(value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
	if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
	throw new SoqlError(`unexpected token: '${value}'`);
}

/** Splits on AND outside parentheses and quotes. */
function splitAnd(text: string): string[] {
	const parts: string[] = [];
	let depth = 0;
	let quoted = false;
	let start = 0;
	for (let index = 0; index < text.length; index++) {
		const char = text[index];
		if (char === "'" && text[index - 1] !== '\\') quoted = !quoted;
		if (quoted) continue;
		if (char === '(') depth++;
		if (char === ')') depth--;
		if (depth === 0 && /^\sand\s/i.test(text.slice(index, index + 5))) {
			parts.push(text.slice(start, index));
			start = index + 5;
			index += 4;
		}
	}
	parts.push(text.slice(start));
	return parts.map((part) => part.trim());
}

function fieldValue(row: Record<string, unknown>, field: string): unknown {
	const value =
		row[field] ??
		row[Object.keys(row).find((key) => key.toLowerCase() === field.toLowerCase()) ?? ''];
	if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value))
		return Date.parse(value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
	return value;
}

function matcher(where: string): (row: Record<string, unknown>) => boolean {
	const tests = splitAnd(where).map((part) => {
		if (part.startsWith('(') && part.endsWith(')')) return matcher(part.slice(1, -1));
		const match = CONDITION.exec(part);
		if (!match) throw new SoqlError(`unexpected token: '${part.split(/\s+/)[0]}'`);
		const [, field, operator, raw] = match;
		const expected = literal(raw);
		return (row: Record<string, unknown>) => {
			const actual = fieldValue(row, field) as number | string;
			const wanted = expected as number | string;
			switch (operator) {
				case '=':
					return actual === wanted;
				case '!=':
				case '<>':
					return actual !== wanted;
				case '>':
					return actual > wanted;
				case '>=':
					return actual >= wanted;
				case '<':
					return actual < wanted;
				default:
					return actual <= wanted;
			}
		};
	});
	return (row) => tests.every((test) => test(row));
}

export interface SoqlResult {
	object: string;
	records: Array<Record<string, unknown>>;
}

export function runSoql(feed: ChangeFeed, soql: string, apiVersion: string): SoqlResult {
	const match = QUERY.exec(soql);
	if (!match) throw new SoqlError(`unexpected token: '${soql.trim().split(/\s+/)[0] ?? ''}'`);
	const [, fieldList, object, where, orderBy, limit] = match;
	const fields = fieldList.split(',').map((field) => field.trim());
	let rows = feed
		.list(`salesforce:${object}`)
		.map((record) => salesforceRecord(object, record, apiVersion) as Record<string, unknown>);
	if (where) rows = rows.filter(matcher(where));
	if (orderBy) {
		const keys = orderBy.split(',').map((part) => {
			const [field, direction] = part.trim().split(/\s+/);
			return { field, sign: direction?.toUpperCase() === 'DESC' ? -1 : 1 };
		});
		rows.sort((a, b) => {
			for (const { field, sign } of keys) {
				const x = fieldValue(a, field) as number | string;
				const y = fieldValue(b, field) as number | string;
				if (x !== y) return (x < y ? -1 : 1) * sign;
			}
			return 0;
		});
	}
	if (limit) rows = rows.slice(0, Number(limit));
	const records = rows.map((row) =>
		Object.fromEntries(
			['attributes', ...fields]
				.map((field) => Object.keys(row).find((key) => key.toLowerCase() === field.toLowerCase()))
				.filter((key): key is string => key !== undefined)
				.map((key) => [key, row[key]]),
		),
	);
	return { object, records };
}

/** Query results kept for their nextRecordsUrl, as Salesforce keeps a query locator. */
export class QueryLocators {
	private readonly results = new Map<string, Array<Record<string, unknown>>>();
	private counter = 0;

	page(
		records: Array<Record<string, unknown>>,
		offset: number,
		batchSize: number,
		apiVersion: string,
		locator?: string,
	): Reply {
		const id = locator ?? `01gFEED${String(++this.counter).padStart(8, '0')}`;
		const end = Math.min(offset + batchSize, records.length);
		const done = end >= records.length;
		if (done) this.results.delete(id);
		else this.results.set(id, records);
		return json(200, {
			totalSize: records.length,
			done,
			...(done ? {} : { nextRecordsUrl: `/services/data/${apiVersion}/query/${id}-${end}` }),
			records: records.slice(offset, end),
		});
	}

	more(locator: string, offset: number, batchSize: number, apiVersion: string): Reply | undefined {
		const records = this.results.get(locator);
		return records && this.page(records, offset, batchSize, apiVersion, locator);
	}
}
