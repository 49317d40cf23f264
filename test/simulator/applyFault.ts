import type { IncomingMessage, ServerResponse } from 'node:http';

import type { FaultRule } from './faults';
import { send, unifiedError } from './reply';
import { json, type Reply, type SimConnection } from './types';
import { hubspotRateLimited } from './upstreams/hubspot';
import { slackRateLimited } from './upstreams/slack';

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function retryAfterHeaders(rule: FaultRule): Record<string, string> {
	const headers: Record<string, string> = {};
	if (rule.retryAfter !== undefined) headers['retry-after'] = String(rule.retryAfter);
	if (rule.retryAfterDate !== undefined) {
		headers['retry-after'] = new Date(Date.now() + rule.retryAfterDate * 1000).toUTCString();
	}
	if (rule.retryAfterMs !== undefined) headers['retry-after-ms'] = String(rule.retryAfterMs);
	return headers;
}

/** A rate-limit answer in the upstream's own shape, anything else in a generic one. */
function upstreamStatus(status: number, connection: SimConnection): Reply {
	if (status === 429 && connection.integration_type === 'hubspot') return hubspotRateLimited();
	if (status === 429 && connection.integration_type === 'slack') return slackRateLimited();
	return json(status, {
		error: { code: `upstream_${status}`, message: `Simulated upstream status ${status}` },
	});
}

/**
 * Misbehaves as the fault says. Returns true when the fault answered the request itself, false when the upstream
 * should still answer (after a delay, say).
 */
export async function applyFault(
	fault: FaultRule,
	request: IncomingMessage,
	response: ServerResponse,
	connection: SimConnection,
	started: number,
): Promise<boolean> {
	const timing = {
		'x-response-time': `${Date.now() - started}ms`,
		'x-endapi-response-time': '1ms',
	};
	switch (fault.kind) {
		case 'unified429':
			request.resume();
			send(
				response,
				unifiedError(
					429,
					'Too Many Requests',
					'Too many requests to unified.to API; max requests per minute: 60',
					retryAfterHeaders(fault),
				),
				{ 'x-response-time': '1ms' },
			);
			return true;
		case 'status': {
			request.resume();
			const reply = upstreamStatus(fault.status ?? 503, connection);
			send(
				response,
				{ ...reply, headers: { ...reply.headers, ...retryAfterHeaders(fault) } },
				timing,
			);
			return true;
		}
		case 'slowHeaders':
			await sleep(fault.delayMs ?? 1000);
			return false;
		case 'reset':
			request.resume();
			response.writeHead(200, {
				'content-type': 'application/json',
				'content-length': '1000',
				...timing,
			});
			response.write('{"partial": "');
			setTimeout(() => response.destroy(), 20);
			return true;
		case 'slowBody':
			request.resume();
			response.writeHead(200, {
				'content-type': 'application/json',
				'content-length': '100',
				...timing,
			});
			response.write('{"slow": "');
			await sleep(fault.delayMs ?? 1000);
			if (!response.destroyed) response.end('done"}'.padEnd(90, ' '));
			return true;
		case 'hugeHeaders':
			request.resume();
			send(
				response,
				json(200, { ok: true }, { 'x-padding': 'x'.repeat(fault.headerBytes ?? 32 * 1024) }),
				timing,
			);
			return true;
		case 'reply':
			request.resume();
			send(
				response,
				typeof fault.reply === 'function' ? fault.reply() : (fault.reply ?? { status: 200 }),
				{ 'x-response-time': '1ms' },
			);
			return true;
		case 'badJson':
			request.resume();
			send(
				response,
				{ status: 200, headers: { 'content-type': 'application/json' }, body: '{"truncated": ' },
				timing,
			);
			return true;
	}
}
