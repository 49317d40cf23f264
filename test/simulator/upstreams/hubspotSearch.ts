import { randomUUID } from 'node:crypto';

import { json, type Reply, type UpstreamRequest } from '../types';
import { comparable, type ChangeFeed, type FeedRecord } from './changeFeed';

/** HubSpot's CRM search returns at most this many results per query. */
export const SEARCH_CAP = 10_000;
const OPERATORS: Record<string, (a: number | string, b: number | string) => boolean> = {
	EQ: (a, b) => a === b,
	NEQ: (a, b) => a !== b,
	GT: (a, b) => a > b,
	GTE: (a, b) => a >= b,
	LT: (a, b) => a < b,
	LTE: (a, b) => a <= b,
};

interface SearchBody {
	filterGroups?: Array<{
		filters?: Array<{ propertyName: string; operator: string; value?: unknown }>;
	}>;
	sorts?: Array<{ propertyName: string; direction?: string } | string>;
	properties?: string[];
	limit?: number;
	after?: string | number;
}

/** A record as HubSpot's CRM API returns it. */
export function hubspotObject(object: string, record: FeedRecord, properties?: string[]) {
	const updated = new Date(record.updatedAt).toISOString();
	const all: Record<string, unknown> = {
		...record.fields,
		hs_object_id: record.id,
		createdate: new Date(record.createdAt).toISOString(),
		[object === 'contacts' ? 'lastmodifieddate' : 'hs_lastmodifieddate']: updated,
	};
	const shown = properties?.length
		? Object.fromEntries(
				[...new Set([...properties, 'hs_object_id', 'createdate', 'lastmodifieddate'])]
					.filter((name) => name in all)
					.map((name) => [name, all[name]]),
			)
		: all;
	return {
		id: record.id,
		properties: shown,
		createdAt: new Date(record.createdAt).toISOString(),
		updatedAt: updated,
		archived: false,
	};
}

function error(status: number, message: string, category: string): Reply {
	return json(status, { status: 'error', message, correlationId: randomUUID(), category });
}

/** `POST crm/v3/objects/{object}/search` over the feed `hubspot:{object}` (index lag applies). */
export async function hubspotSearch(
	request: UpstreamRequest,
	feed: ChangeFeed,
	object: string,
): Promise<Reply> {
	let body: SearchBody;
	try {
		body = JSON.parse((await request.body()).toString('utf8') || '{}') as SearchBody;
	} catch {
		return error(400, 'Invalid input JSON on line 1', 'VALIDATION_ERROR');
	}
	const limit = Math.min(Math.max(Number(body.limit ?? 10) || 10, 1), 200);
	const after = Number(body.after ?? 0) || 0;
	if (after + limit > SEARCH_CAP) {
		return error(
			400,
			`The maximum number of results per search is ${SEARCH_CAP}: "after" ${after} with limit ${limit} goes past it`,
			'VALIDATION_ERROR',
		);
	}
	const groups = (body.filterGroups ?? []).filter((group) => group.filters?.length);
	for (const group of groups)
		for (const filter of group.filters ?? [])
			if (!OPERATORS[filter.operator])
				return error(400, `Unsupported operator ${filter.operator}`, 'VALIDATION_ERROR');
	const sort = body.sorts?.[0];
	const sortName = typeof sort === 'string' ? sort : sort?.propertyName;
	const descending = typeof sort === 'object' && sort.direction === 'DESCENDING';
	const modified = object === 'contacts' ? 'lastmodifieddate' : 'hs_lastmodifieddate';
	// Dates straight from the record: building every record's JSON per request would make large searches slow.
	const valueOf = (record: FeedRecord, name: string): number | string => {
		if (name === 'createdate') return record.createdAt;
		if (name === modified) return record.updatedAt;
		if (name === 'hs_object_id') return comparable(record.id);
		return comparable(record.fields[name]);
	};
	const rows = feed.indexed(`hubspot:${object}`).map((record) => ({
		record,
		value: (name: string) => valueOf(record, name),
		sortValue: sortName ? valueOf(record, sortName) : 0,
	}));
	const records = rows
		.filter(
			(row) =>
				groups.length === 0 ||
				groups.some((group) =>
					(group.filters ?? []).every((filter) =>
						OPERATORS[filter.operator](row.value(filter.propertyName), comparable(filter.value)),
					),
				),
		)
		.sort((a, b) => {
			if (a.sortValue !== b.sortValue)
				return (a.sortValue < b.sortValue ? -1 : 1) * (descending ? -1 : 1);
			const x = a.record.id;
			const y = b.record.id;
			return Number(x) - Number(y) || (x < y ? -1 : x > y ? 1 : 0);
		})
		.map((row) => row.record);
	const page = records.slice(after, after + limit);
	const reply: Record<string, unknown> = {
		total: records.length,
		results: page.map((record) => hubspotObject(object, record, body.properties)),
	};
	if (after + limit < records.length) reply.paging = { next: { after: String(after + limit) } };
	return json(200, reply);
}
