import { json, type Reply, type Upstream, type UpstreamRequest } from '../types';

/**
 * Acme's paged `v2/items` collection, one endpoint per paging style the generic pagination modes read, plus two
 * that misbehave: one hands back a cursor it handed out before, one ignores its paging parameter.
 */
export function pagedItem(index: number) {
	return { id: `item_${String(index + 1).padStart(5, '0')}`, n: index + 1 };
}

const UPSTREAM = 'https://api.acme.example';
const encodeCursor = (offset: number) => Buffer.from(`at:${offset}`).toString('base64url');
const decodeCursor = (cursor: string | null) =>
	cursor ? Number(Buffer.from(cursor, 'base64url').toString('utf8').split(':')[1]) || 0 : 0;

function size(value: unknown, fallback: number): number {
	return Math.min(Math.max(Number(value ?? fallback) || fallback, 1), 500);
}

async function args(request: UpstreamRequest): Promise<Record<string, unknown>> {
	const query: Record<string, unknown> = Object.fromEntries(request.query.entries());
	if (request.method !== 'POST') return query;
	const text = (await request.body()).toString('utf8');
	return { ...query, ...(JSON.parse(text || '{}') as Record<string, unknown>) };
}

/** Answers the `v2/items/...` paths; undefined for any other path. */
export function createPagedUpstream(data: {
	items: number;
}): (request: UpstreamRequest) => Promise<Reply | undefined> {
	const slice = (from: number, count: number) => {
		const records = [];
		for (let index = from; index < Math.min(from + count, data.items); index++)
			records.push(pagedItem(index));
		return records;
	};
	return async (request): Promise<Reply | undefined> => {
		const { path, query } = request;
		const input = await args(request);
		switch (path) {
			case 'v2/items/link': {
				const page = Math.max(Number(query.get('page') ?? 1) || 1, 1);
				const perPage = size(query.get('per_page'), 30);
				const last = Math.max(Math.ceil(data.items / perPage), 1);
				// `junk=N`: N stray `<` before the links (a hostile header that is slow to parse with a naive pattern).
				const junk = Math.min(Number(query.get('junk') ?? 0) || 0, 15_000);
				const carried = junk ? `&junk=${junk}` : '';
				const link = (target: number) =>
					`<${UPSTREAM}/v2/items/link?page=${target}&per_page=${perPage}${carried}>`;
				const links = [`${link(1)}; rel="first"`, `${link(last)}; rel="last"`];
				if (page > 1) links.unshift(`${link(page - 1)}; rel="prev"`);
				if (page < last) links.unshift(`${link(page + 1)}; rel="next"`);
				return json(200, slice((page - 1) * perPage, perPage), {
					link: '<'.repeat(junk) + links.join(', '),
				});
			}
			case 'v2/items/cursor':
			case 'v2/items/search': {
				const limit = size(input.limit, 25);
				const offset = decodeCursor((input.cursor as string | undefined) ?? null);
				const end = offset + limit;
				return json(200, {
					data: slice(offset, limit),
					meta: { next_cursor: end < data.items ? encodeCursor(end) : null },
				});
			}
			case 'v2/items/next': {
				const limit = size(query.get('limit'), 25);
				const start = Number(query.get('start') ?? 0) || 0;
				const end = start + limit;
				const relative = `/v2/items/next?start=${end}&limit=${limit}`;
				const next =
					end >= data.items
						? null
						: query.get('absolute')
							? `${UPSTREAM}${relative}&absolute=1`
							: relative;
				return json(200, { items: slice(start, limit), links: { next } });
			}
			case 'v2/items/offset': {
				const limit = size(query.get('limit') ?? input.limit, 25);
				const offset = Number(query.get('offset') ?? input.offset ?? 0) || 0;
				return json(200, { total: data.items, items: slice(offset, limit) });
			}
			case 'v2/items/pages': {
				const perPage = size(query.get('per_page'), 25);
				const page = Math.max(Number(query.get('page') ?? 1) || 1, 1);
				return json(200, slice((page - 1) * perPage, perPage));
			}
			case 'v2/items/repeat-cursor': {
				// From the third page on, the next cursor is the one page 1 handed out: a loop.
				const limit = size(query.get('limit'), 25);
				const offset = decodeCursor(query.get('cursor'));
				const next = offset >= 2 * limit ? encodeCursor(limit) : encodeCursor(offset + limit);
				return json(200, { data: slice(offset, limit), meta: { next_cursor: next } });
			}
			case 'v2/items/big-cursor': {
				// Opaque cursors padded to `pad` bytes; with `loop=1`, page 3 hands out page 1's cursor again.
				const limit = size(input.limit, 25);
				const pad = Math.min(Number(query.get('pad') ?? 0) || 0, 4 * 1024 * 1024);
				const offset = decodeCursor(String(input.cursor ?? '').split('.')[0] || null);
				const nextOffset = query.get('loop') && offset >= 2 * limit ? limit : offset + limit;
				const next =
					nextOffset < data.items ? `${encodeCursor(nextOffset)}.${'x'.repeat(pad)}` : null;
				return json(200, { data: slice(offset, limit), meta: { next_cursor: next } });
			}
			case 'v2/items/identical':
				// Ignores every paging parameter: always the first page and the same cursor.
				return json(200, {
					data: slice(0, 10),
					meta: { next_cursor: encodeCursor(10) },
					total: data.items,
				});
			case 'v2/items/unsafe-next':
				// A hostile upstream: the next link is whatever the test asks for, in the body or a Link header.
				if (query.get('via') === 'link')
					return json(200, slice(0, 5), { link: `<${query.get('next') ?? ''}>; rel="next"` });
				return json(200, {
					items: slice(0, 5),
					links: { next: query.get('next') ?? '/v2/../../admin' },
				});
			default:
				return undefined;
		}
	};
}

/** Serves `v2/items/...` from the paged collection, everything else from `fallback`. */
export function withPagedItems(
	fallback: Upstream,
	paged: ReturnType<typeof createPagedUpstream>,
): Upstream {
	return async (request) =>
		request.path.startsWith('v2/items/')
			? ((await paged(request)) ?? fallback(request))
			: fallback(request);
}
