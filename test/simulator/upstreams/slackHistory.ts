import { json, type Reply } from '../types';
import type { ChangeFeed, FeedRecord } from './changeFeed';

/** A message's ts: its time in seconds with six decimals, unique in the channel (the feed's id is the ts). */
export function slackMessage(record: FeedRecord) {
	return { type: 'message', ts: record.id, user: 'U0123456', ...record.fields };
}

/** A Slack message added to the feed `slack:{channel}`, with a ts made from its time. */
export function postToFeed(
	feed: ChangeFeed,
	channel: string,
	text: string,
	at = feed.now(),
): FeedRecord {
	const existing = feed.collection(`slack:${channel}`);
	let micros = Math.round(at * 1000);
	while (existing.has((micros / 1e6).toFixed(6))) micros++;
	return feed.add(`slack:${channel}`, { text }, { id: (micros / 1e6).toFixed(6), at });
}

const encode = (offset: number) => Buffer.from(`hist:${offset}`).toString('base64');
const decode = (cursor: string) =>
	Number(Buffer.from(cursor, 'base64').toString('utf8').split(':')[1]) || 0;

/** conversations.history: newest first, `oldest`/`latest` exclusive unless `inclusive`, cursor paging. */
export function slackHistory(feed: ChangeFeed, args: Record<string, unknown>): Reply {
	const channel = String(args.channel ?? '');
	if (!feed.has(`slack:${channel}`)) return json(200, { ok: false, error: 'channel_not_found' });
	const inclusive = args.inclusive === true || args.inclusive === 'true' || args.inclusive === '1';
	const oldest = args.oldest === undefined ? undefined : Number(args.oldest);
	const latest = args.latest === undefined ? undefined : Number(args.latest);
	const limit = Math.min(Math.max(Number(args.limit ?? 100) || 100, 1), 999);
	const offset = args.cursor ? decode(String(args.cursor)) : 0;
	const messages = feed
		.list(`slack:${channel}`)
		.filter((record) => {
			const ts = Number(record.id);
			if (oldest !== undefined && (inclusive ? ts < oldest : ts <= oldest)) return false;
			if (latest !== undefined && (inclusive ? ts > latest : ts >= latest)) return false;
			return true;
		})
		.sort((a, b) => Number(b.id) - Number(a.id));
	const page = messages.slice(offset, offset + limit);
	const more = offset + limit < messages.length;
	return json(200, {
		ok: true,
		messages: page.map(slackMessage),
		has_more: more,
		pin_count: 0,
		response_metadata: { next_cursor: more ? encode(offset + limit) : '' },
	});
}
