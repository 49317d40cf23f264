import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { requireHubspotObject } from '../sources/hubspot';
import { locatorText } from '../sources/locator';
import { readList } from './readList';

/** HubSpot's standard CRM objects the trigger reads; custom objects come from /crm/v3/schemas. */
const HUBSPOT_OBJECTS: INodeListSearchItems[] = [
	{ name: 'Companies', value: 'companies' },
	{ name: 'Contacts', value: 'contacts' },
	{ name: 'Deals', value: 'deals' },
	{ name: 'Line Items', value: 'line_items' },
	{ name: 'Products', value: 'products' },
	{ name: 'Tickets', value: 'tickets' },
];
/** Slack pages read per call while a search finds too few channels; the token carries on from there. */
const SLACK_PAGES_PER_CALL = 10;
const SLACK_PAGE_SIZE = 200;

const asArray = (value: unknown): Array<Record<string, unknown>> =>
	Array.isArray(value) ? (value as Array<Record<string, unknown>>) : [];
const field = (value: unknown, name: string): unknown =>
	typeof value === 'object' && value !== null
		? (value as Record<string, unknown>)[name]
		: undefined;

function matches(item: INodeListSearchItems, filter: string | undefined): boolean {
	const needle = (filter ?? '').trim().toLowerCase();
	return (
		!needle ||
		item.name.toLowerCase().includes(needle) ||
		String(item.value).toLowerCase().includes(needle)
	);
}

/** The HubSpot objects: the standard ones, then the portal's custom objects (by their type ID). */
export async function searchHubspotObjects(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const body = await readList(this, 'crm/v3/schemas');
	const custom = asArray(field(body, 'results'))
		.filter((schema) => typeof schema.objectTypeId === 'string')
		.map((schema) => ({
			name: String(field(schema.labels, 'plural') ?? schema.name ?? schema.objectTypeId),
			value: String(schema.objectTypeId),
		}));
	return { results: [...HUBSPOT_OBJECTS, ...custom].filter((item) => matches(item, filter)) };
}

/** The properties of the picked HubSpot object, by label (for the Properties field). */
export async function getHubspotProperties(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const object = requireHubspotObject(
		locatorText(this.getNodeParameter('hubspotObject', 'contacts')),
	);
	const body = await readList(this, `crm/v3/properties/${object}`);
	return asArray(field(body, 'results'))
		.filter((property) => typeof property.name === 'string')
		.map((property) => ({
			name: String(property.label || property.name),
			value: String(property.name),
			description: typeof property.description === 'string' ? property.description : undefined,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The workspace's channels (conversations.list), "#name"; Slack cannot search, so each page is filtered. */
export async function searchSlackChannels(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const results: INodeListSearchItems[] = [];
	let cursor = paginationToken ?? '';
	for (let pages = 0; pages < SLACK_PAGES_PER_CALL; pages++) {
		const body = await readList(this, 'conversations.list', [
			['limit', String(SLACK_PAGE_SIZE)],
			['exclude_archived', 'true'],
			['types', 'public_channel,private_channel'],
			...(cursor ? [['cursor', cursor] as [string, string]] : []),
		]);
		results.push(
			...asArray(field(body, 'channels'))
				.filter((channel) => typeof channel.id === 'string')
				.map((channel) => ({
					name: `#${String(channel.name ?? channel.id)}`,
					value: String(channel.id),
				}))
				.filter((item) => matches(item, filter)),
		);
		cursor = String(field(field(body, 'response_metadata'), 'next_cursor') ?? '');
		if (!cursor || results.length >= SLACK_PAGE_SIZE) break;
	}
	return { results, paginationToken: cursor || undefined };
}
