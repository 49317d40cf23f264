import { ParameterError } from '../../core/errors';
import type { WebhookEvent, WebhookRequest } from './webhookApi';

const EVENTS: readonly WebhookEvent[] = ['created', 'updated', 'deleted'];
/** Unified's object types: lower-case words joined by "_" (crm_contact); the value goes into a JSON body only. */
const OBJECT_TYPE = /^[a-z]+(_[a-z]+)+$/;
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The trigger's options collection as saved. */
export interface RawTriggerOptions {
	connectionCategory?: unknown;
	interval?: unknown;
	fields?: unknown;
	filters?: unknown;
	includeExisting?: unknown;
	output?: unknown;
}

/** Everything the subscriptions are made from, checked. */
export interface SubscriptionSettings {
	objectType: string;
	events: WebhookEvent[];
	interval?: number;
	fields?: string;
	filters?: Record<string, string>;
	includeExisting: boolean;
}

export function readObjectType(value: unknown): string {
	const objectType = typeof value === 'string' ? value.trim() : '';
	if (!OBJECT_TYPE.test(objectType))
		throw new ParameterError(
			'objectType',
			`"${String(value).slice(0, 80)}" is not a Unified.to object type (e.g. crm_contact)`,
		);
	return objectType;
}

export function readEvents(value: unknown): WebhookEvent[] {
	const list = Array.isArray(value) ? value : [value];
	const events: WebhookEvent[] = [];
	for (const entry of list) {
		if (!EVENTS.includes(entry as WebhookEvent))
			throw new ParameterError(
				'events',
				`"${String(entry).slice(0, 80)}" is not an event: use created, updated or deleted`,
			);
		if (!events.includes(entry as WebhookEvent)) events.push(entry as WebhookEvent);
	}
	if (events.length === 0) throw new ParameterError('events', 'Choose at least one event');
	return events;
}

function readInterval(value: unknown): number | undefined {
	if (value === undefined || value === '') return undefined;
	const minutes = Number(value);
	if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1_000_000)
		throw new ParameterError(
			'options.interval',
			`"${String(value).slice(0, 40)}" is not a whole number of minutes of at least 1`,
		);
	return minutes;
}

function readFields(value: unknown): string | undefined {
	if (value === undefined) return undefined;
	if (typeof value !== 'string')
		throw new ParameterError('options.fields', 'Give the fields as comma-separated text');
	const fields = value
		.split(',')
		.map((field) => field.trim())
		.filter(Boolean);
	return fields.length ? fields.join(',') : undefined;
}

/** The fixedCollection `{ filter: [{ name, value }] }` → Unified's `Record<string, string>`. */
function readFilters(value: unknown): Record<string, string> | undefined {
	if (value === undefined) return undefined;
	const rows = (value as { filter?: unknown })?.filter;
	if (rows === undefined) return undefined;
	if (!Array.isArray(rows))
		throw new ParameterError('options.filters', 'Give the filters as field and value pairs');
	const filters: Record<string, string> = Object.create(null) as Record<string, string>;
	for (const row of rows as Array<{ name?: unknown; value?: unknown }>) {
		const name = typeof row?.name === 'string' ? row.name.trim() : '';
		if (!name) throw new ParameterError('options.filters', 'Every filter needs a field name');
		if (RESERVED_KEYS.has(name))
			throw new ParameterError('options.filters', `"${name}" cannot be a filter field`);
		if (name in filters)
			throw new ParameterError('options.filters', `The field "${name}" is filtered twice`);
		if (
			typeof row.value !== 'string' &&
			typeof row.value !== 'number' &&
			typeof row.value !== 'boolean'
		)
			throw new ParameterError('options.filters', `The filter on "${name}" needs a text value`);
		filters[name] = String(row.value);
	}
	return Object.keys(filters).length ? { ...filters } : undefined;
}

export function readSubscriptionSettings(
	objectType: unknown,
	events: unknown,
	options: RawTriggerOptions,
): SubscriptionSettings {
	return {
		objectType: readObjectType(objectType),
		events: readEvents(events),
		interval: readInterval(options.interval),
		fields: readFields(options.fields),
		filters: readFilters(options.filters),
		includeExisting: options.includeExisting === true,
	};
}

/** The body of `POST /unified/webhook` for one event. */
export function webhookRequest(
	settings: SubscriptionSettings,
	connectionId: string,
	hookUrl: string,
	event: WebhookEvent,
): WebhookRequest {
	const request: WebhookRequest = {
		hook_url: hookUrl,
		connection_id: connectionId,
		object_type: settings.objectType,
		event,
	};
	if (settings.interval !== undefined) request.interval = settings.interval;
	if (settings.fields !== undefined) request.fields = settings.fields;
	if (settings.filters !== undefined) request.filters = settings.filters;
	return request;
}
