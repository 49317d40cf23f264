import type { IncomingMessage } from 'node:http';

import { unifiedError } from '../reply';
import { json, type Reply } from '../types';
import { readObject } from './body';
import type { WebhookService } from './service';
import { WebhookInputError } from './webhook';

const WEBHOOK_PATH = /^\/unified\/webhook(?:\/([^/]+)(\/trigger)?)?$/;

/** An error reply in Unified's shape for a refused webhook request. */
export function webhookError(error: WebhookInputError): Reply {
	const names: Record<number, string> = {
		404: 'Not Found',
		409: 'Conflict',
		413: 'Payload Too Large',
	};
	return unifiedError(error.status, names[error.status] ?? 'Bad Request', error.message);
}

/** A webhook id from the path; one that does not decode (`%E0`) is a webhook nobody has. */
export function webhookId(raw: string): string {
	try {
		return decodeURIComponent(raw);
	} catch {
		throw new WebhookInputError('Webhook not found', 404);
	}
}

function page(url: URL): { limit: number; offset: number } {
	const limit = Math.min(Math.max(Number(url.searchParams.get('limit') ?? 100) || 100, 1), 100);
	const offset = Math.max(Number(url.searchParams.get('offset') ?? 0) || 0, 0);
	return { limit, offset };
}

/**
 * Unified's webhook API: `POST /unified/webhook[?include_all=true]`, `GET /unified/webhook?connection_id=&limit=&offset=`,
 * `GET|PUT|PATCH|DELETE /unified/webhook/{id}`, `PUT|PATCH /unified/webhook/{id}/trigger`. Undefined for other
 * routes (and other methods on these paths).
 */
export async function webhookApiRoute(
	request: IncomingMessage,
	url: URL,
	webhooks: WebhookService,
): Promise<Reply | undefined> {
	const route = WEBHOOK_PATH.exec(url.pathname);
	if (!route) return undefined;
	const method = request.method ?? 'GET';
	try {
		const id = route[1] === undefined ? undefined : webhookId(route[1]);
		if (id === undefined) {
			if (method === 'POST') {
				const includeAll = url.searchParams.get('include_all') === 'true';
				return json(200, webhooks.create(await readObject(request), includeAll));
			}
			if (method === 'GET') {
				const { limit, offset } = page(url);
				const all = webhooks.list(url.searchParams.get('connection_id'));
				return json(200, all.slice(offset, offset + limit));
			}
			return undefined;
		}
		if (route[2]) {
			return method === 'PUT' || method === 'PATCH' ? json(200, webhooks.trigger(id)) : undefined;
		}
		if (method === 'GET') return json(200, webhooks.get(id));
		if (method === 'DELETE') {
			webhooks.remove(id);
			return { status: 200 };
		}
		if (method === 'PUT' || method === 'PATCH')
			return json(200, webhooks.update(id, await readObject(request)));
		return undefined;
	} catch (error) {
		if (!(error instanceof WebhookInputError)) throw error;
		request.resume();
		return webhookError(error);
	}
}
