import type { SimConnection } from '../types';
import { SUPPORTED_OBJECTS, watchedObject } from './objects';

export const WEBHOOK_EVENTS = ['created', 'updated', 'deleted'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** A webhook subscription, in the fields of Unified's SDK model (`shared/webhook.ts`) the simulator fills. */
export interface SimWebhook {
	id: string;
	connection_id: string;
	hook_url: string;
	object_type: string;
	event: WebhookEvent;
	/** Minutes between checks (a virtual webhook); the simulator counts them in `webhookTickMs`. */
	interval: number;
	/** Comma-separated, as Unified takes them; kept, not applied. */
	fields?: string;
	filters: Record<string, string>;
	webhook_type: 'virtual';
	is_healthy: boolean;
	is_paused: boolean;
	checked_at?: string;
	runs: string[];
	/** Records per delivery (the backfill's page size too). */
	page_max_limit: number;
	integration_type: string;
	environment: string;
	workspace_id: string;
	created_at: string;
	updated_at: string;
}

/** A webhook request the simulator refuses: its status (400, 404) and a message naming the field. */
export class WebhookInputError extends Error {
	constructor(
		message: string,
		readonly status = 400,
	) {
		super(message);
	}
}

const DEFAULT_INTERVAL_MINUTES = 1;
const DEFAULT_PAGE_MAX_LIMIT = 50;

function hookUrl(value: unknown): string {
	if (typeof value !== 'string' || !value.trim())
		throw new WebhookInputError('hook_url is required: the URL that receives the deliveries');
	let url: URL;
	try {
		url = new URL(value.trim());
	} catch {
		throw new WebhookInputError(`hook_url "${value}" is not a URL`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		throw new WebhookInputError(`hook_url must be an http or https URL, not ${url.protocol}`);
	return url.href;
}

function event(value: unknown): WebhookEvent {
	if (typeof value !== 'string' || !(WEBHOOK_EVENTS as readonly string[]).includes(value))
		throw new WebhookInputError(`event must be one of ${WEBHOOK_EVENTS.join(', ')}`);
	return value as WebhookEvent;
}

function positiveInteger(name: string, value: unknown, max: number): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max)
		throw new WebhookInputError(`${name} must be a whole number from 1 to ${max}`);
	return value;
}

function fields(value: unknown): string {
	if (typeof value !== 'string')
		throw new WebhookInputError('fields must be a string of comma-separated field names');
	return value;
}

function filters(value: unknown): Record<string, string> {
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		throw new WebhookInputError('filters must be an object of strings');
	const entries = Object.entries(value as Record<string, unknown>);
	for (const [name, filter] of entries)
		if (typeof filter !== 'string') throw new WebhookInputError(`filters.${name} must be a string`);
	return Object.fromEntries(entries) as Record<string, string>;
}

function paused(value: unknown): boolean {
	if (typeof value !== 'boolean') throw new WebhookInputError('is_paused must be true or false');
	return value;
}

/** The optional fields a create or an update may set, checked. */
function settable(body: Record<string, unknown>): Partial<SimWebhook> {
	const set: Partial<SimWebhook> = {};
	if (body.hook_url !== undefined) set.hook_url = hookUrl(body.hook_url);
	if (body.event !== undefined) set.event = event(body.event);
	if (body.interval !== undefined)
		set.interval = positiveInteger('interval', body.interval, 10_080);
	if (body.fields !== undefined) set.fields = fields(body.fields);
	if (body.filters !== undefined) set.filters = filters(body.filters);
	if (body.page_max_limit !== undefined)
		set.page_max_limit = positiveInteger('page_max_limit', body.page_max_limit, 1000);
	if (body.is_paused !== undefined) set.is_paused = paused(body.is_paused);
	return set;
}

/** A new webhook from a `POST /unified/webhook` body, or a WebhookInputError saying what is wrong. */
export function newWebhook(
	body: Record<string, unknown>,
	connections: SimConnection[],
	id: string,
	now: string,
): SimWebhook {
	if (typeof body.connection_id !== 'string' || !body.connection_id)
		throw new WebhookInputError('connection_id is required');
	const connection = connections.find((candidate) => candidate.id === body.connection_id);
	if (!connection) throw new WebhookInputError('Connection not found', 404);
	const set = settable(body);
	const hook = hookUrl(body.hook_url);
	const on = event(body.event);
	if (typeof body.object_type !== 'string' || !body.object_type)
		throw new WebhookInputError('object_type is required, e.g. crm_contact');
	if (!watchedObject(body.object_type, connection.integration_type)) {
		throw new WebhookInputError(
			`object_type ${body.object_type} is not supported by the ${connection.integration_type} integration (the simulator supports ${SUPPORTED_OBJECTS})`,
		);
	}
	return {
		id,
		connection_id: connection.id,
		object_type: body.object_type,
		interval: DEFAULT_INTERVAL_MINUTES,
		filters: {},
		page_max_limit: DEFAULT_PAGE_MAX_LIMIT,
		is_paused: false,
		...set,
		hook_url: hook,
		event: on,
		webhook_type: 'virtual',
		is_healthy: true,
		runs: [],
		integration_type: connection.integration_type,
		environment: connection.environment,
		workspace_id: connection.workspace_id,
		created_at: now,
		updated_at: now,
	};
}

/** The webhook with a `PUT`/`PATCH` body's fields applied (connection and object type stay). */
export function updatedWebhook(
	current: SimWebhook,
	body: Record<string, unknown>,
	now: string,
): SimWebhook {
	for (const fixed of ['connection_id', 'object_type'] as const) {
		if (body[fixed] !== undefined && body[fixed] !== current[fixed])
			throw new WebhookInputError(`${fixed} cannot be changed: create another webhook`);
	}
	return { ...current, ...settable(body), updated_at: now };
}
