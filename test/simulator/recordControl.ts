import type { IncomingMessage } from 'node:http';

import { unifiedError } from './reply';
import { json, type Reply } from './types';
import { ACME_CHANGES } from './upstreams/acmeChanges';
import type { ChangeFeed, FeedRecord } from './upstreams/changeFeed';
import { postToFeed } from './upstreams/slackHistory';

/** A control request the simulator cannot apply: a 400 (404 for an unknown kind or record) saying why. */
class RecordControlError extends Error {
	constructor(
		message: string,
		readonly status = 400,
	) {
		super(message);
	}
}

interface RecordKind {
	/** The feed collection the trigger's source reads, for this request's body. */
	collection(body: Record<string, unknown>): string;
	/** Adds a record with these fields, stamped now. */
	add(feed: ChangeFeed, collection: string, body: Record<string, unknown>): FeedRecord;
}

function fieldsOf(body: Record<string, unknown>): Record<string, unknown> {
	const fields = body.fields ?? {};
	if (typeof fields !== 'object' || fields === null || Array.isArray(fields))
		throw new RecordControlError('"fields" must be an object');
	return fields as Record<string, unknown>;
}

/** An 18-character Account id, as Salesforce gives. */
function salesforceId(count: number): string {
	return `001SIM${String(count).padStart(12, '0')}`;
}

function slackChannel(body: Record<string, unknown>): string {
	if (typeof body.channel !== 'string' || !/^[A-Z0-9]+$/.test(body.channel))
		throw new RecordControlError('"channel" must be a Slack channel id, e.g. "C0FEED001"');
	return `slack:${body.channel}`;
}

/** What the trigger's sources read: HubSpot search, Salesforce SOQL, Slack history, Acme's `v2/changes`. */
const KINDS: Record<string, RecordKind> = {
	'hubspot-contact': {
		collection: () => 'hubspot:contacts',
		add: (feed, collection, body) => feed.add(collection, fieldsOf(body)),
	},
	'salesforce-account': {
		collection: () => 'salesforce:Account',
		add: (feed, collection, body) => {
			const records = feed.collection(collection);
			let count = records.size + 1;
			while (records.has(salesforceId(count))) count++;
			return feed.add(collection, fieldsOf(body), { id: salesforceId(count) });
		},
	},
	'slack-message': {
		collection: slackChannel,
		add: (feed, collection, body) => {
			const { text, ...rest } = fieldsOf(body);
			const record = postToFeed(feed, collection.slice('slack:'.length), String(text ?? ''));
			return Object.keys(rest).length ? feed.update(collection, record.id, rest) : record;
		},
	},
	custom: {
		collection: () => ACME_CHANGES,
		add: (feed, collection, body) => feed.add(collection, fieldsOf(body)),
	},
};

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	let parsed: unknown;
	try {
		parsed = text ? JSON.parse(text) : {};
	} catch {
		throw new RecordControlError('the body must be JSON');
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
		throw new RecordControlError('the body must be a JSON object');
	return parsed as Record<string, unknown>;
}

function answer(kind: string, collection: string, record: FeedRecord) {
	return {
		kind,
		collection,
		id: record.id,
		createdAt: new Date(record.createdAt).toISOString(),
		updatedAt: new Date(record.updatedAt).toISOString(),
		fields: record.fields,
	};
}

/**
 * Records a polling trigger reads, added or changed from outside (a person trying a trigger against
 * `npm run simulator`, another process), by what they are rather than by feed collection:
 *
 * - `POST /_sim/records/{kind}` `{fields}` -> `201`: a new record, created and modified now
 * - `PATCH /_sim/records/{kind}/{id}` `{fields}` -> `200`: the fields merged in, modified now
 * - `DELETE /_sim/records/{kind}/{id}` (a Slack message: `{"channel": "C..."}` in the body) -> `200`: the record
 *   as it was, gone from the feed (a webhook watching it reports it deleted)
 *
 * Kinds: `hubspot-contact` (fields: `email`, `firstname`, `lastname`...), `salesforce-account` (`Name`...),
 * `slack-message` (with `"channel": "C..."` in the body; `fields.text`; a change keeps the message's `ts`, as a
 * Slack edit does, so a trigger reading by `ts` does not see it again), `custom` (Acme's `v2/changes`). Each
 * answer is the record: `{kind, collection, id, createdAt, updatedAt, fields}`. Undefined for other routes.
 */
export async function recordControlRoute(
	request: IncomingMessage,
	url: URL,
	feed: ChangeFeed,
): Promise<Reply | undefined> {
	const route = /^\/_sim\/records\/([^/]+)(?:\/([^/]+))?$/.exec(url.pathname);
	if (!route) return undefined;
	const [, kindName, rawId] = route;
	const method = request.method ?? 'GET';
	try {
		const kind = Object.prototype.hasOwnProperty.call(KINDS, kindName)
			? KINDS[kindName]
			: undefined;
		if (!kind) {
			throw new RecordControlError(
				`unknown kind "${kindName}" (known: ${Object.keys(KINDS).join(', ')})`,
				404,
			);
		}
		const allowed = rawId === undefined ? ['POST'] : ['PATCH', 'DELETE'];
		if (!allowed.includes(method)) {
			throw new RecordControlError(
				`use POST /_sim/records/${kindName} to add a record, PATCH or DELETE /_sim/records/${kindName}/{id} to change or delete one`,
				405,
			);
		}
		const body = await readBody(request);
		const collection = kind.collection(body);
		if (rawId === undefined)
			return json(201, answer(kindName, collection, kind.add(feed, collection, body)));
		const id = decodeURIComponent(rawId);
		if (!feed.has(collection) || !feed.collection(collection).has(id))
			throw new RecordControlError(`no ${kindName} "${id}" in ${collection}`, 404);
		if (method === 'DELETE')
			return json(200, answer(kindName, collection, feed.remove(collection, id)!));
		return json(200, answer(kindName, collection, feed.update(collection, id, fieldsOf(body))));
	} catch (error) {
		if (!(error instanceof RecordControlError)) throw error;
		request.resume();
		return unifiedError(
			error.status,
			error.status === 404 ? 'Not Found' : 'Bad Request',
			error.message,
		);
	}
}
