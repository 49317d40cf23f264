import type { IncomingMessage } from 'node:http';

import { json, type Reply } from '../types';
import { webhookError, webhookId } from './api';
import { readObject, readText } from './body';
import type { WebhookService } from './service';
import { WebhookInputError } from './webhook';

const MAX_WAIT_MS = 30_000;

function count(url: URL, name: string, fallback: number, max: number): number {
	const raw = url.searchParams.get(name);
	if (raw === null) return fallback;
	if (!/^\d+$/.test(raw) || Number(raw) > max)
		throw new WebhookInputError(`${name} must be a whole number from 0 to ${max}`);
	return Number(raw);
}

/** The attempts from index `after` (for one webhook if asked), waiting up to `waitMs` for one when there are none. */
async function deliveries(url: URL, webhooks: WebhookService): Promise<Reply> {
	const after = count(url, 'after', 0, Number.MAX_SAFE_INTEGER);
	const waitMs = count(url, 'wait_ms', 0, MAX_WAIT_MS);
	const webhookId = url.searchParams.get('webhook_id') ?? undefined;
	const matching = () =>
		webhooks.log.attempts
			.slice(after)
			.filter((attempt) => webhookId === undefined || attempt.webhookId === webhookId);
	if (!matching().length && waitMs > 0)
		await webhooks.log.next({ webhookId, after, timeoutMs: waitMs }).catch(() => undefined);
	return json(200, { deliveries: matching(), next: webhooks.log.attempts.length });
}

/**
 * The webhook control routes, for tests and the e2e run in another process:
 *
 * - `GET /_sim/webhooks` -> `{webhooks}`
 * - `GET /_sim/webhooks/deliveries?webhook_id=&after=&wait_ms=` -> `{deliveries, next}`: the attempts from log
 *   index `after`; with `wait_ms` (at most 30000) it waits that long for one when there are none yet. Pass `next`
 *   as the following call's `after`.
 * - `POST /_sim/webhooks/{id}/redeliver` -> `{delivery}`: the last delivery again, byte for byte, once
 * - `POST /_sim/webhooks/{id}/send` (any body) -> `{delivery}`: the body as is to its hook_url, once
 * - `PATCH /_sim/webhooks/{id}` `{is_paused?, is_healthy?}` -> the webhook
 *
 * Undefined for other routes.
 */
export async function webhookControlRoute(
	request: IncomingMessage,
	url: URL,
	webhooks: WebhookService,
): Promise<Reply | undefined> {
	const route = /^\/_sim\/webhooks(?:\/([^/]+)(?:\/(redeliver|send))?)?$/.exec(url.pathname);
	if (!route) return undefined;
	const method = request.method ?? 'GET';
	const [, rawId, action] = route;
	try {
		if (rawId === undefined)
			return method === 'GET' ? json(200, { webhooks: webhooks.list(null) }) : undefined;
		if (rawId === 'deliveries' && !action)
			return method === 'GET' ? await deliveries(url, webhooks) : undefined;
		const id = webhookId(rawId);
		if (action === 'redeliver' && method === 'POST')
			return json(200, { delivery: await webhooks.redeliver(id) });
		if (action === 'send' && method === 'POST') {
			webhooks.get(id);
			return json(200, { delivery: await webhooks.send(id, await readText(request)) });
		}
		if (!action && method === 'PATCH')
			return json(200, webhooks.setState(id, await readObject(request)));
		return undefined;
	} catch (error) {
		if (!(error instanceof WebhookInputError)) throw error;
		request.resume();
		return webhookError(error);
	}
}
