import { randomUUID } from 'node:crypto';

import { json, type Reply, type Upstream } from '../types';
import { createHubSpotBatch } from './hubspotBatch';
import type { ChangeFeed } from './changeFeed';
import { hubspotSearch } from './hubspotSearch';

export interface HubSpotData {
	contacts: number;
	/** Records the CRM search endpoint reads (the polling trigger's source). */
	feed?: ChangeFeed;
}

const KNOWN_PROPERTIES: Record<
	string,
	{ label: string; type: string; fieldType: string; groupName: string }
> = {
	email: { label: 'Email', type: 'string', fieldType: 'text', groupName: 'contactinformation' },
	firstname: {
		label: 'First Name',
		type: 'string',
		fieldType: 'text',
		groupName: 'contactinformation',
	},
	lastname: {
		label: 'Last Name',
		type: 'string',
		fieldType: 'text',
		groupName: 'contactinformation',
	},
	hs_lead_status: {
		label: 'Lead Status',
		type: 'enumeration',
		fieldType: 'radio',
		groupName: 'sales_properties',
	},
	lifecyclestage: {
		label: 'Lifecycle Stage',
		type: 'enumeration',
		fieldType: 'radio',
		groupName: 'contactinformation',
	},
};

const FIRST_NAMES = ['Ann', 'Bob', 'Chen', 'Dana', 'Emeka', 'Farah', 'Goran', 'Hana', 'Ivo', 'Jia'];

export function hubspotContact(index: number) {
	const id = String(101 + index);
	const firstname = FIRST_NAMES[index % FIRST_NAMES.length];
	return {
		id,
		properties: {
			email: `${firstname.toLowerCase()}.${id}@example.com`,
			firstname,
			lastname: `Contact${id}`,
			hs_object_id: id,
			createdate: new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString(),
			lastmodifieddate: '2026-02-01T00:00:00.000Z',
		},
		createdAt: new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString(),
		updatedAt: '2026-02-01T00:00:00.000Z',
		archived: false,
	};
}

function hubspotError(
	status: number,
	message: string,
	category: string,
	extra: Record<string, unknown> = {},
): Reply {
	return json(status, {
		status: 'error',
		message,
		correlationId: randomUUID(),
		category,
		...extra,
	});
}

function property(name: string) {
	const known = KNOWN_PROPERTIES[name];
	return {
		name,
		label: known.label,
		type: known.type,
		fieldType: known.fieldType,
		description: `The contact's ${known.label.toLowerCase()}`,
		groupName: known.groupName,
		options: [],
		displayOrder: -1,
		calculated: false,
		externalOptions: false,
		hasUniqueValue: false,
		hidden: false,
		hubspotDefined: true,
		formField: true,
		archived: false,
		createdAt: '2019-08-06T02:41:52.844Z',
		updatedAt: '2026-01-10T12:00:00.000Z',
	};
}

/** The portal's custom objects (GET crm/v3/schemas), as HubSpot describes them. */
export const HUBSPOT_SCHEMAS = [
	{
		id: '1234567',
		objectTypeId: '2-1234567',
		name: 'pets',
		fullyQualifiedName: 'p_pets',
		labels: { singular: 'Pet', plural: 'Pets' },
		archived: false,
	},
];

export function createHubSpotUpstream(data: HubSpotData): Upstream {
	let nextId = 900_000;
	const contactsBatch = createHubSpotBatch(data.contacts, hubspotError);
	return async (request) => {
		const { method, path, query } = request;
		const batch = /^crm\/v3\/objects\/contacts\/batch\/([a-z]+)$/.exec(path);
		if (batch) return await contactsBatch(request, batch[1]);
		const rateHeaders = {
			'x-hubspot-ratelimit-max': '190',
			'x-hubspot-ratelimit-remaining': '189',
			'x-hubspot-ratelimit-interval-milliseconds': '10000',
		};
		// The editor's lists of the trigger: the portal's custom objects, and an object's properties.
		if (path === 'crm/v3/schemas' && method === 'GET')
			return json(200, { results: HUBSPOT_SCHEMAS }, rateHeaders);
		const properties = /^crm\/v3\/properties\/([^/]+)$/.exec(path);
		if (properties && method === 'GET') {
			const known = [
				...['contacts', 'companies', 'deals', 'tickets', 'products', 'line_items'],
				...HUBSPOT_SCHEMAS.map((schema) => schema.objectTypeId),
			];
			if (!known.includes(properties[1]))
				return hubspotError(
					400,
					`Unable to infer object type from: ${properties[1]}`,
					'VALIDATION_ERROR',
				);
			return json(200, { results: Object.keys(KNOWN_PROPERTIES).map(property) }, rateHeaders);
		}
		const search = /^crm\/v3\/objects\/([^/]+)\/search$/.exec(path);
		if (search && method === 'POST' && data.feed)
			return hubspotSearch(request, data.feed, search[1]);
		if (path === 'crm/v3/objects/contacts' && method === 'GET') {
			const limit = Math.min(Math.max(Number(query.get('limit') ?? 10) || 10, 1), 100);
			const after = Number(query.get('after') ?? 0) || 0;
			const end = Math.min(after + limit, data.contacts);
			const results = [];
			for (let index = after; index < end; index++) results.push(hubspotContact(index));
			const body: Record<string, unknown> = { results };
			if (end < data.contacts) {
				body.paging = {
					next: {
						after: String(end),
						link: `https://api.hubapi.com/crm/v3/objects/contacts?limit=${limit}&after=${end}`,
					},
				};
			}
			return json(200, body, rateHeaders);
		}
		if (path === 'crm/v3/objects/contacts' && method === 'POST') {
			const input = JSON.parse((await request.body()).toString('utf8') || '{}') as {
				properties?: Record<string, unknown>;
			};
			if (!input.properties || typeof input.properties !== 'object') {
				return hubspotError(
					400,
					'Invalid input JSON on line 1: missing "properties"',
					'VALIDATION_ERROR',
				);
			}
			nextId++;
			return json(201, {
				id: String(nextId),
				properties: { ...input.properties, hs_object_id: String(nextId) },
				createdAt: new Date().toISOString(),
				updatedAt: new Date().toISOString(),
				archived: false,
			});
		}
		const batchRead = /^crm\/v3\/properties\/([^/]+)\/batch\/read$/.exec(path);
		if (batchRead) {
			if (method !== 'POST')
				return hubspotError(405, `Method ${method} not allowed; use POST`, 'METHOD_NOT_ALLOWED');
			const input = JSON.parse((await request.body()).toString('utf8') || '{}') as {
				inputs?: Array<{ name?: string }>;
			};
			if (!Array.isArray(input.inputs)) {
				return hubspotError(400, 'Invalid input JSON: "inputs" is required', 'VALIDATION_ERROR');
			}
			const names = input.inputs.map((entry) => String(entry.name ?? ''));
			const found = names.filter((name) => KNOWN_PROPERTIES[name]);
			const missing = names.filter((name) => !KNOWN_PROPERTIES[name]);
			const body: Record<string, unknown> = {
				status: 'COMPLETE',
				results: found.map(property),
				startedAt: '2026-08-22T10:00:00.000Z',
				completedAt: '2026-08-22T10:00:00.050Z',
			};
			if (missing.length === 0) return json(200, body, rateHeaders);
			body.numErrors = missing.length;
			body.errors = missing.map((name) => ({
				status: 'error',
				category: 'OBJECT_NOT_FOUND',
				message: `Unable to find property ${name} for object type ${batchRead[1]}`,
				context: { propertyName: [name] },
			}));
			return json(207, body, rateHeaders);
		}
		return hubspotError(404, `Unable to route ${method} /${path}`, 'OBJECT_NOT_FOUND');
	};
}

export function hubspotRateLimited(): Reply {
	return hubspotError(429, 'You have reached your ten_secondly_rolling limit.', 'RATE_LIMITS', {
		errorType: 'RATE_LIMIT',
		policyName: 'TEN_SECONDLY_ROLLING',
	});
}
