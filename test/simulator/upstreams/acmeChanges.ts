import { json, type Reply, type UpstreamRequest } from '../types';
import { comparable, type ChangeFeed, type FeedRecord } from './changeFeed';

export const ACME_CHANGES = 'acme:changes';

export function acmeRecord(record: FeedRecord) {
	return {
		id: record.id,
		...record.fields,
		created_at: new Date(record.createdAt).toISOString(),
		updated_at: new Date(record.updatedAt).toISOString(),
	};
}

/**
 * `GET v2/changes`: the feed `acme:changes` in id order (not time order), `updated_since` (ISO or epoch ms,
 * inclusive), `limit` (at most 500) and a `cursor` answered in `next_cursor`. Undefined for other paths.
 */
export function acmeChanges(request: UpstreamRequest, feed: ChangeFeed): Reply | undefined {
	if (request.path !== 'v2/changes') return undefined;
	const since = request.query.get('updated_since');
	const limit = Math.min(Math.max(Number(request.query.get('limit') ?? 100) || 100, 1), 500);
	const offset = Number(request.query.get('cursor') ?? 0) || 0;
	const from = since === null ? undefined : comparable(since);
	const all = feed.list(ACME_CHANGES);
	const records =
		from === undefined ? all : all.filter((record) => record.updatedAt >= (from as number));
	const page = records.slice(offset, offset + limit);
	const next = offset + limit < records.length ? String(offset + limit) : null;
	return json(200, { data: page.map(acmeRecord), next_cursor: next });
}
