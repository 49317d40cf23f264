import { pagingSettings } from '../../core/pagination/paginationSettings';
import { splitAndEncodePath } from '../../core/request/path';
import type { RequestSpec } from '../../core/request/requestSpec';
import { ParameterError } from '../../core/errors';
import { recordKey } from './recordKey';
import { EVERY_RECORD, type PollEvent, type PollSource } from './pollSource';

export interface SalesforceSettings {
	soql: string;
	apiVersion: string;
	event: PollEvent;
	domain: string;
}

const VERSION = /^v\d+\.\d$/;
// SELECT <fields> FROM <object> [WHERE <conditions>]; anything after the object other than WHERE is refused below.
const QUERY =
	/^\s*select\s+([\s\S]+?)\s+from\s+([A-Za-z0-9_]+)(?:\s+where\s+([\s\S]+?))?\s*;?\s*$/i;
const FORBIDDEN: Array<[RegExp, string]> = [
	[/\border\s+by\b/i, 'ORDER BY'],
	[/\blimit\b/i, 'LIMIT'],
	[/\boffset\b/i, 'OFFSET'],
	[/\bgroup\s+by\b/i, 'GROUP BY'],
];

/** SOQL datetime literals are unquoted: 2026-11-29T08:00:00Z. */
export function soqlDateTime(ms: number): string {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** A SOQL string literal; a quote or backslash inside it is escaped with a backslash. */
const LITERAL = /'(?:\\.|[^'\\])*'/g;

/** Every "(" closed by a later ")", and no ")" without an open "(" before it. */
function balancedParentheses(text: string): boolean {
	let depth = 0;
	for (const character of text) {
		if (character === '(') depth++;
		else if (character === ')' && --depth < 0) return false;
	}
	return depth === 0;
}

/** The parts of the user's SOQL the trigger extends; refuses what it cannot extend safely. */
export function parseSoql(soql: string): { fields: string[]; object: string; where?: string } {
	// Quoted text may hold any word: checked with the literals blanked out.
	const outsideQuotes = soql.replace(LITERAL, "''");
	for (const [pattern, clause] of FORBIDDEN) {
		if (pattern.test(outsideQuotes)) {
			throw new ParameterError(
				'soql',
				`Remove ${clause} from the query: the trigger orders by the modification time itself and reads every page, so it can tell what changed since the last poll`,
			);
		}
	}
	if (soql.replace(LITERAL, '').includes("'")) {
		throw new ParameterError(
			'soql',
			"A string literal in the query is not closed: end it with ' (write a quote inside it as \\')",
		);
	}
	const match = QUERY.exec(soql);
	// The WHERE clause alone too: "toLabel(Name FROM Account WHERE x = 1) OR (y = 2)" pairs up only as a whole.
	const where = match?.[3]?.replace(LITERAL, '');
	if (!balancedParentheses(outsideQuotes) || (where && !balancedParentheses(where))) {
		throw new ParameterError(
			'soql',
			'The parentheses in the query do not pair up (outside quoted text): the trigger puts the WHERE clause in parentheses and adds its time condition, which an unpaired ")" would escape',
		);
	}
	if (!match || !QUERY.test(outsideQuotes)) {
		throw new ParameterError(
			'soql',
			"Write the query as SELECT <fields> FROM <object>, optionally with a WHERE clause, e.g. SELECT Id, Name FROM Account WHERE Industry = 'Energy'",
		);
	}
	const fields = match[1]
		.split(',')
		.map((field) => field.trim())
		.filter(Boolean);
	return { fields, object: match[2], where: match[3]?.trim() || undefined };
}

export function salesforceSource(settings: SalesforceSettings): PollSource {
	const apiVersion = settings.apiVersion.trim() || 'v62.0';
	if (!VERSION.test(apiVersion)) {
		throw new ParameterError(
			'salesforceApiVersion',
			`"${apiVersion.slice(0, 40)}" is not a Salesforce API version; write it like v62.0`,
		);
	}
	const { fields, object, where } = parseSoql(settings.soql);
	const timeField = settings.event === 'new' ? 'CreatedDate' : 'SystemModstamp';
	const has = (name: string) => fields.some((field) => field.toLowerCase() === name.toLowerCase());
	const select = [...fields];
	for (const needed of [
		'Id',
		'SystemModstamp',
		...(settings.event === 'new' ? ['CreatedDate'] : []),
	]) {
		if (!has(needed)) select.push(needed);
	}
	const { path } = splitAndEncodePath(`services/data/${apiVersion}/query`);
	const domain = settings.domain.trim();
	const request = (soql: string): RequestSpec => ({
		method: 'GET',
		path,
		query: [['q', soql], ...(domain ? [['__domain', domain] as [string, string]] : [])],
		headers: {},
	});
	const base = `SELECT ${select.join(', ')} FROM ${object}`;
	const conditions = (since: number | undefined) => {
		// Literals have whole seconds: "> the second before" keeps every record of the watermark's second.
		const bound = since === undefined ? [] : [`${timeField} > ${soqlDateTime(since - 1000)}`];
		const all = [...(where ? [`(${where})`] : []), ...bound];
		return all.length ? ` WHERE ${all.join(' AND ')}` : '';
	};
	const label = `Salesforce ${object}`;
	return {
		label,
		ordered: true,
		fingerprintParts: ['salesforce', apiVersion, settings.soql.trim()],
		query: (since) => ({
			spec: request(`${base}${conditions(since)} ORDER BY ${timeField} ASC, Id ASC`),
			pagination: pagingSettings('salesforce', EVERY_RECORD),
		}),
		newest: (count) => ({
			spec: request(
				`${base}${conditions(undefined)} ORDER BY ${timeField} DESC, Id DESC LIMIT ${count}`,
			),
			recordsPath: 'records',
		}),
		key(record, page) {
			const value = record as Record<string, unknown>;
			return recordKey(label, page, value.Id, 'Id', value[timeField], timeField);
		},
	};
}
