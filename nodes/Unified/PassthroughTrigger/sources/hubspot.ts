import { pagingSettings } from '../../core/pagination/paginationSettings';
import { fixed } from '../../core/request/body';
import { splitAndEncodePath } from '../../core/request/path';
import type { RequestSpec } from '../../core/request/requestSpec';
import { ParameterError } from '../../core/errors';
import { recordKey } from './recordKey';
import { EVERY_RECORD, type PollEvent, type PollSource } from './pollSource';

/** HubSpot's CRM search returns at most this many results per query (`after` beyond it is refused). */
export const HUBSPOT_SEARCH_CAP = 10_000;
const PAGE_SIZE = 100;
const OBJECT = /^[A-Za-z0-9_-]+$/;
const PROPERTY = /^[A-Za-z0-9_]+$/;

export interface HubSpotSettings {
	object: string;
	properties: string;
	event: PollEvent;
	domain: string;
}

/** Contacts name their last-modified property differently from every other object. */
export function hubspotTimeProperty(object: string, event: PollEvent): string {
	if (event === 'new') return 'createdate';
	return object === 'contacts' ? 'lastmodifieddate' : 'hs_lastmodifieddate';
}

function parseProperties(text: string): string[] {
	const names = text
		.split(',')
		.map((name) => name.trim())
		.filter(Boolean);
	const bad = names.find((name) => !PROPERTY.test(name));
	if (bad !== undefined) {
		throw new ParameterError(
			'hubspotProperties',
			`"${bad.slice(0, 80)}" is not a HubSpot property name (letters, digits and "_")`,
		);
	}
	return names;
}

/** The object name or type ID, trimmed; refused before any request unless it is one path segment of safe characters. */
export function requireHubspotObject(value: string): string {
	const object = value.trim();
	if (!OBJECT.test(object)) {
		throw new ParameterError(
			'hubspotObject',
			`"${object.slice(0, 80)}" is not a HubSpot object: use contacts, companies, deals, tickets or a custom object type ID such as 2-1234567`,
		);
	}
	return object;
}

export function hubspotSource(settings: HubSpotSettings): PollSource {
	const object = requireHubspotObject(settings.object);
	const timeProperty = hubspotTimeProperty(object, settings.event);
	const properties = [...new Set([...parseProperties(settings.properties), timeProperty])];
	const { path } = splitAndEncodePath(`crm/v3/objects/${object}/search`);
	const domain = settings.domain.trim();
	const pagination = pagingSettings('hubspot', EVERY_RECORD);
	const request = (body: Record<string, unknown>): RequestSpec => ({
		method: 'POST',
		path,
		query: domain ? [['__domain', domain]] : [],
		headers: {},
		body: fixed(JSON.stringify(body), 'application/json; charset=utf-8'),
	});
	const label = `HubSpot ${object}`;
	return {
		label,
		ordered: true,
		maxResultsPerQuery: HUBSPOT_SEARCH_CAP,
		fingerprintParts: ['hubspot', object, properties],
		query: (since) => ({
			spec: request({
				filterGroups:
					since === undefined
						? []
						: [
								{
									filters: [
										{
											propertyName: timeProperty,
											operator: 'GTE',
											value: String(Math.floor(since)),
										},
									],
								},
							],
				sorts: [{ propertyName: timeProperty, direction: 'ASCENDING' }],
				properties,
				limit: PAGE_SIZE,
			}),
			pagination,
		}),
		newest: (count) => ({
			spec: request({
				filterGroups: [],
				sorts: [{ propertyName: timeProperty, direction: 'DESCENDING' }],
				properties,
				limit: count,
			}),
		}),
		key(record, page) {
			const value = record as { id?: unknown; properties?: Record<string, unknown> };
			return recordKey(
				label,
				page,
				value.id,
				'id',
				value.properties?.[timeProperty],
				`properties.${timeProperty}`,
			);
		},
	};
}
