import type { IncomingMessage, ServerResponse } from 'node:http';

import { controlRoute } from './control';
import { passthrough } from './passthrough';
import { send, unifiedError } from './reply';
import type { SimulatorState } from './state';
import type { Upstream } from './types';
import { unifiedApiRoute } from './unifiedApi';
import type { ChangeFeed } from './upstreams/changeFeed';
import { webhookApiRoute } from './webhooks/api';
import { webhookControlRoute } from './webhooks/control';
import type { WebhookService } from './webhooks/service';

export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

function authorized(request: IncomingMessage, apiKey: string): boolean {
	const header = String(request.headers.authorization ?? '').trim();
	const token = header.replace(/^bearer\s+/i, '');
	return token === apiKey;
}

/** Records every request, checks the key, and sends it to the passthrough or Unified's own API. */
export function createRoutes(
	apiKey: string,
	state: SimulatorState,
	upstreams: Record<string, Upstream>,
	feed?: ChangeFeed,
	webhooks?: WebhookService,
): RequestHandler {
	return async (request, response) => {
		const started = Date.now();
		const method = request.method ?? 'GET';
		state.received.push(`${method} ${request.url ?? '/'}`);
		const url = new URL(request.url ?? '/', 'http://simulator.local');
		if (!authorized(request, apiKey)) {
			request.resume();
			send(response, unifiedError(401, 'Unauthorized', 'Invalid or missing API token'), {
				'x-response-time': '0ms',
			});
			return;
		}
		// Route on the raw path: the connection id and the passthrough path are split before decoding.
		const rawPathname = (request.url ?? '/').split('?')[0];
		const match = /^\/passthrough\/([^/]+)(\/.*)?$/.exec(rawPathname);
		if (match) {
			const { stats } = state;
			stats.inFlight++;
			stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
			response.on('close', () => stats.inFlight--);
			await passthrough(
				{
					request,
					response,
					url,
					connectionId: decodeURIComponent(match[1]),
					rawPath: match[2] ?? '',
					started,
				},
				state,
				upstreams,
			);
			return;
		}
		const webhookReply =
			webhooks &&
			((await webhookApiRoute(request, url, webhooks)) ??
				(await webhookControlRoute(request, url, webhooks)));
		if (webhookReply) {
			request.resume();
			send(response, webhookReply, {});
			return;
		}
		const control = await controlRoute(request, url, state, feed);
		if (control) {
			send(response, control, {});
			return;
		}
		request.resume();
		const reply =
			unifiedApiRoute(method, url, state) ??
			unifiedError(404, 'Not Found', `Route ${method} ${url.pathname} not found`);
		send(response, reply, {});
	};
}
