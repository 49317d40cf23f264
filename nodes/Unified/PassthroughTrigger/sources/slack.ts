import { pagingSettings } from '../../core/pagination/paginationSettings';
import type { RequestSpec } from '../../core/request/requestSpec';
import { ParameterError } from '../../core/errors';
import { recordKey } from './recordKey';
import { EVERY_RECORD, type PollSource } from './pollSource';

const CHANNEL = /^[A-Z0-9]+$/i;
const PAGE_SIZE = 200;

/** Slack's `oldest`/`latest`: epoch seconds with microseconds, as message timestamps are written. */
export function slackTs(ms: number): string {
	return (ms / 1000).toFixed(6);
}

/**
 * A channel's messages (conversations.history). A message's `ts` is both its id and its time, so `new` and
 * `newOrUpdated` read the same messages; history answers newest first, so the poll sorts them.
 */
export function slackSource(settings: { channel: string; domain: string }): PollSource {
	const channel = settings.channel.trim();
	if (!CHANNEL.test(channel)) {
		throw new ParameterError(
			'slackChannel',
			`"${channel.slice(0, 80)}" is not a Slack channel ID (e.g. C0123456789; the ID, not the name)`,
		);
	}
	const domain = settings.domain.trim();
	const request = (query: Array<[string, string]>): RequestSpec => ({
		method: 'GET',
		path: 'conversations.history',
		query: [
			['channel', channel],
			...query,
			...(domain ? [['__domain', domain] as [string, string]] : []),
		],
		headers: {},
	});
	const label = `Slack channel ${channel}`;
	return {
		label,
		ordered: false,
		fingerprintParts: ['slack', channel],
		query: (since) => ({
			spec: request([
				['limit', String(PAGE_SIZE)],
				...(since === undefined
					? []
					: ([
							['oldest', slackTs(since)],
							['inclusive', 'true'],
						] as Array<[string, string]>)),
			]),
			pagination: pagingSettings('slack', { ...EVERY_RECORD, recordsPath: 'messages' }),
		}),
		newest: (count) => ({ spec: request([['limit', String(count)]]), recordsPath: 'messages' }),
		key(record, page) {
			const ts = (record as { ts?: unknown }).ts;
			return recordKey(label, page, ts, 'ts', ts, 'ts');
		},
	};
}
