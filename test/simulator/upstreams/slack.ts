import { json, type Reply, type Upstream } from '../types';
import type { ChangeFeed } from './changeFeed';
import { slackHistory } from './slackHistory';

export interface SlackData {
	channels: number;
	/** Channel messages conversations.history reads (the polling trigger's source). */
	feed?: ChangeFeed;
}

export function slackChannel(index: number) {
	const names = ['general', 'random'];
	return {
		id: `C${String(10_000_000 + index)}`,
		name: names[index] ?? `channel-${String(index).padStart(5, '0')}`,
		is_channel: true,
		is_private: false,
		is_archived: false,
		num_members: 3 + (index % 17),
		created: 1_700_000_000 + index,
	};
}

const encodeCursor = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64');
const decodeCursor = (cursor: string) =>
	Number(Buffer.from(cursor, 'base64').toString('utf8').split(':')[1] ?? 0) || 0;

async function readArgs(request: Parameters<Upstream>[0]): Promise<Record<string, unknown>> {
	const args: Record<string, unknown> = Object.fromEntries(request.query.entries());
	if (request.method === 'GET') return args;
	const text = (await request.body()).toString('utf8');
	const type = String(request.headers['content-type'] ?? '');
	if (type.includes('application/json')) {
		try {
			return { ...args, ...(JSON.parse(text || '{}') as Record<string, unknown>) };
		} catch {
			return { ...args, __invalid_json: true };
		}
	}
	return { ...args, ...Object.fromEntries(new URLSearchParams(text).entries()) };
}

export function createSlackUpstream(data: SlackData): Upstream {
	const taken = new Set(['general', 'random']);
	let created = 0;
	return async (request): Promise<Reply> => {
		const method = request.path.replace(/^api\//, '');
		const args = await readArgs(request);
		if (args.__invalid_json) return json(200, { ok: false, error: 'invalid_json' });
		switch (method) {
			case 'conversations.history':
				if (data.feed) return slackHistory(data.feed, args);
				return json(200, { ok: false, error: 'channel_not_found' });
			case 'conversations.create': {
				const name = String(args.name ?? '');
				if (!name) return json(200, { ok: false, error: 'invalid_name_required' });
				if (!/^[a-z0-9_-]{1,80}$/.test(name))
					return json(200, { ok: false, error: 'invalid_name_specials' });
				if (taken.has(name)) return json(200, { ok: false, error: 'name_taken' });
				taken.add(name);
				created++;
				const isPrivate = args.is_private === true || args.is_private === 'true';
				return json(200, {
					ok: true,
					channel: {
						id: `C0NEW${String(created).padStart(4, '0')}`,
						name,
						is_channel: !isPrivate,
						is_group: isPrivate,
						is_private: isPrivate,
						is_archived: false,
						created: 1_764_000_000 + created,
						creator: 'U0123456',
						name_normalized: name,
						is_member: true,
					},
				});
			}
			case 'conversations.list': {
				const limit = Math.min(Math.max(Number(args.limit ?? 100) || 100, 1), 1000);
				const offset = args.cursor ? decodeCursor(String(args.cursor)) : 0;
				const end = Math.min(offset + limit, data.channels);
				const channels = [];
				for (let index = offset; index < end; index++) channels.push(slackChannel(index));
				return json(200, {
					ok: true,
					channels,
					response_metadata: { next_cursor: end < data.channels ? encodeCursor(end) : '' },
				});
			}
			case 'chat.postMessage': {
				if (!args.channel) return json(200, { ok: false, error: 'channel_not_found' });
				return json(200, {
					ok: true,
					channel: args.channel,
					ts: `${1_764_000_000 + created}.000100`,
					message: { type: 'message', text: args.text ?? '', user: 'U0BOT' },
				});
			}
			case 'admin.conversations.create':
				return json(200, {
					ok: false,
					error: 'missing_scope',
					needed: 'admin.conversations:write',
					provided: 'channels:read,chat:write,groups:write',
				});
			default:
				return json(200, { ok: false, error: 'unknown_method', req_method: method });
		}
	};
}

export function slackRateLimited(): Reply {
	return json(429, { ok: false, error: 'ratelimited' });
}
