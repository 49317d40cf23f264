import type { ChangeFeed, FeedRecord } from '../upstreams/changeFeed';
import { hubspotObject } from '../upstreams/hubspotSearch';
import { salesforceRecord } from '../upstreams/salesforceSoql';
import { slackMessage } from '../upstreams/slackHistory';

/** A record as a webhook delivers it: Unified's shape, with the upstream's own record (as its API returns it) in `raw`. */
export interface UnifiedRecord {
	id: string;
	created_at: string;
	updated_at: string;
	raw: Record<string, unknown>;
	[field: string]: unknown;
}

/** What a webhook on one object type watches: the integration that has it, its feed collections, the mapping. */
export interface WatchedObject {
	integration: string;
	collections(feed: ChangeFeed, filters: Record<string, string>): string[];
	toUnified(record: FeedRecord, collection: string): UnifiedRecord;
}

const iso = (ms: number) => new Date(ms).toISOString();
const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** The object types the simulator's webhooks support, one integration each. */
const OBJECTS: Record<string, WatchedObject> = {
	crm_contact: {
		integration: 'hubspot',
		collections: () => ['hubspot:contacts'],
		toUnified: (record) => {
			const { firstname, lastname, email } = record.fields;
			const name = [text(firstname), text(lastname)].filter(Boolean).join(' ');
			return {
				id: record.id,
				...(name ? { name } : {}),
				...(text(email) ? { emails: [{ email: text(email), type: 'WORK' }] } : {}),
				created_at: iso(record.createdAt),
				updated_at: iso(record.updatedAt),
				raw: hubspotObject('contacts', record),
			};
		},
	},
	crm_company: {
		integration: 'salesforce',
		collections: () => ['salesforce:Account'],
		toUnified: (record) => ({
			id: record.id,
			...(text(record.fields.Name) ? { name: record.fields.Name } : {}),
			created_at: iso(record.createdAt),
			updated_at: iso(record.updatedAt),
			raw: salesforceRecord('Account', record),
		}),
	},
	messaging_message: {
		integration: 'slack',
		// `filters.channel_id` narrows the webhook to one channel; without it every channel the feed has.
		collections: (feed, filters) =>
			filters.channel_id ? [`slack:${filters.channel_id}`] : feed.names('slack:'),
		toUnified: (record, collection) => ({
			id: record.id,
			channel_id: collection.slice('slack:'.length),
			...(text(record.fields.text) !== undefined ? { message: record.fields.text } : {}),
			created_at: iso(record.createdAt),
			updated_at: iso(record.updatedAt),
			raw: slackMessage(record),
		}),
	},
};

/** The supported object types, for error messages: "crm_contact on hubspot, ...". */
export const SUPPORTED_OBJECTS = Object.entries(OBJECTS)
	.map(([name, object]) => `${name} on ${object.integration}`)
	.join(', ');

/** The object type `name` on `integration`, or undefined when the simulator's integration does not support it. */
export function watchedObject(name: string, integration: string): WatchedObject | undefined {
	if (!Object.prototype.hasOwnProperty.call(OBJECTS, name)) return undefined;
	const object = OBJECTS[name];
	return object.integration === integration ? object : undefined;
}
