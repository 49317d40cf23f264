import { callUnified, type UnifiedApiCall } from '../../core/call/unifiedApi';

export type WebhookEvent = 'created' | 'updated' | 'deleted';

/** A Unified.to webhook subscription, as `/unified/webhook` answers it (the fields the node reads). */
export interface UnifiedWebhook {
	id: string;
	connection_id: string;
	hook_url?: string;
	object_type: string;
	event: string;
	is_paused?: boolean;
	is_healthy?: boolean;
}

/** What `POST /unified/webhook` is given. */
export interface WebhookRequest {
	hook_url: string;
	connection_id: string;
	object_type: string;
	event: WebhookEvent;
	interval?: number;
	fields?: string;
	filters?: Record<string, string>;
}

const LIST_PAGE = 100;
/** 100 pages of 100: far more subscriptions than one connection has; the bound stops an answer that never ends. */
const MAX_LIST_PAGES = 100;

const webhookPath = (id: string) => `unified/webhook/${encodeURIComponent(id)}`;

export async function createWebhook(
	call: UnifiedApiCall,
	request: WebhookRequest,
	includeAll: boolean,
): Promise<UnifiedWebhook> {
	const query: Array<[string, string]> = includeAll ? [['include_all', 'true']] : [];
	return await callUnified<UnifiedWebhook>(call, 'POST', 'unified/webhook', query, request);
}

/** The subscription, or undefined when Unified.to no longer has it (404). */
export async function findWebhook(
	call: UnifiedApiCall,
	id: string,
): Promise<UnifiedWebhook | undefined> {
	try {
		return await callUnified<UnifiedWebhook>(call, 'GET', webhookPath(id), []);
	} catch (error) {
		if ((error as { statusCode?: number }).statusCode === 404) return undefined;
		throw error;
	}
}

/** Every subscription of a connection. */
export async function listWebhooks(
	call: UnifiedApiCall,
	connectionId: string,
): Promise<UnifiedWebhook[]> {
	const all: UnifiedWebhook[] = [];
	for (let page = 0; page < MAX_LIST_PAGES; page++) {
		const found = await callUnified<unknown>(call, 'GET', 'unified/webhook', [
			['connection_id', connectionId],
			['limit', String(LIST_PAGE)],
			['offset', String(page * LIST_PAGE)],
		]);
		const webhooks = Array.isArray(found) ? (found as UnifiedWebhook[]) : [];
		all.push(...webhooks);
		if (webhooks.length < LIST_PAGE) break;
	}
	return all;
}

/** Deletes a subscription; one Unified.to no longer has (404) counts as deleted. */
export async function deleteWebhook(call: UnifiedApiCall, id: string): Promise<void> {
	try {
		await callUnified<unknown>(call, 'DELETE', webhookPath(id), []);
	} catch (error) {
		if ((error as { statusCode?: number }).statusCode !== 404) throw error;
	}
}
