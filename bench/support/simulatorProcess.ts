import { spawn } from 'node:child_process';
import { join } from 'node:path';

import type { RateLimitCounters, RateLimitOptions } from '../../test/simulator';

/** A webhook subscription as the simulator's `GET /unified/webhook` lists it (the fields the e2e run reads). */
export interface SimulatorWebhook {
	id: string;
	connection_id: string;
	hook_url: string;
	object_type: string;
	event: string;
	is_healthy: boolean;
	is_paused: boolean;
}

/** One delivery attempt in the simulator's log (test/simulator/webhooks/deliveryLog.ts). */
export interface SimulatorDelivery {
	webhookId: string;
	/** A retry keeps its delivery's nonce. */
	nonce: string;
	type: string;
	recordIds: string[];
	/** 1 for the first send of a body, 2 for its first retry... */
	attempt: number;
	origin: 'check' | 'backfill' | 'redeliver' | 'send';
	/** The receiver's HTTP status, or undefined with `error` (connection refused...). */
	status?: number;
	error?: string;
	/** ISO time of the answer or the error. */
	at: string;
}

/** Options of the simulator's command line (test/simulator/cli.ts). */
export interface SimulatorProcessOptions {
	/** What one minute of a webhook's interval lasts, in ms. */
	webhookTickMs?: number;
	/** A failed delivery's n-th retry waits Fibonacci(n) times this. */
	webhookRetryUnitMs?: number;
	webhookSecret?: string;
}

export interface SimulatorProcess {
	baseUrl: string;
	apiKey: string;
	/** Adds a rate-limited connection through the control endpoint (see test/simulator/control.ts); returns its id. */
	rateLimited(options: RateLimitOptions): Promise<string>;
	rateLimitCounters(connectionId: string): Promise<RateLimitCounters>;
	/** A full bucket and fresh counters. */
	resetRateLimit(connectionId: string): Promise<void>;
	/** Changes a feed record (stamped now), or adds it (see test/simulator/control.ts); returns its id and time. */
	changeRecord(
		collection: string,
		change: { id?: string; fields?: Record<string, unknown> },
	): Promise<{ id: string; updatedAt: number }>;
	/** How many passthrough requests a connection received (see test/simulator/control.ts). */
	passthroughRequests(connectionId: string): Promise<number>;
	/** The webhook subscriptions of a connection, through the simulator's Unified API (`GET /unified/webhook`). */
	webhooks(connectionId: string): Promise<SimulatorWebhook[]>;
	/** Deletes a webhook subscription as Unified's API would (`DELETE /unified/webhook/:id`). */
	deleteWebhook(id: string): Promise<void>;
	/** Every delivery attempt so far, oldest first. */
	deliveries(): Promise<SimulatorDelivery[]>;
	/** Sends a webhook's last delivery again as it was (same nonce and signature), once. */
	redeliver(webhookId: string): Promise<SimulatorDelivery>;
	/** Sends `body` (JSON) to a webhook's hook_url once, as a delivery: a forged one, a replayed one. */
	sendToWebhook(webhookId: string, body: unknown): Promise<SimulatorDelivery>;
	close(): Promise<void>;
}

/** The simulator in its own process, so only the n8n side's memory and CPU are measured. */
export async function simulatorProcess(
	options: SimulatorProcessOptions = {},
): Promise<SimulatorProcess> {
	const flags = [
		...(options.webhookTickMs === undefined
			? []
			: ['--webhook-tick-ms', String(options.webhookTickMs)]),
		...(options.webhookRetryUnitMs === undefined
			? []
			: ['--webhook-retry-unit-ms', String(options.webhookRetryUnitMs)]),
		...(options.webhookSecret === undefined ? [] : ['--webhook-secret', options.webhookSecret]),
	];
	const child = spawn(
		process.execPath,
		['--import', 'tsx', join(__dirname, '../../test/simulator/cli.ts'), '--port', '0', ...flags],
		{
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	let output = '';
	await new Promise<void>((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			if (/API key:/.test(output)) resolve();
		});
	});
	const baseUrl = /Base URL:\s+(\S+)/.exec(output)![1];
	const apiKey = /API key:\s+(\S+)/.exec(output)![1];
	const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
		const response = await fetch(`${baseUrl}/${path}`, {
			method,
			headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		const answer = (text ? JSON.parse(text) : {}) as T & { message?: string };
		if (!response.ok) throw new Error(`simulator ${method} /${path}: ${answer.message}`);
		return answer;
	};
	const control = <T>(method: string, path: string, body?: unknown) =>
		call<T>(method, `_sim/${path}`, body);
	return {
		baseUrl,
		apiKey,
		rateLimited: async (options) =>
			(await control<{ connectionId: string }>('POST', 'rate-limited', options)).connectionId,
		rateLimitCounters: (id) => control('GET', `rate-limited/${encodeURIComponent(id)}`),
		resetRateLimit: async (id) => {
			await control('POST', `rate-limited/${encodeURIComponent(id)}/reset`);
		},
		changeRecord: (collection, change) =>
			control('POST', `feed/${encodeURIComponent(collection)}`, change),
		passthroughRequests: async (id) =>
			(await control<{ requests: number }>('GET', `log/${encodeURIComponent(id)}`)).requests,
		webhooks: (connectionId) =>
			call('GET', `unified/webhook?connection_id=${encodeURIComponent(connectionId)}&limit=100`),
		deleteWebhook: async (id) => {
			await call('DELETE', `unified/webhook/${encodeURIComponent(id)}`);
		},
		deliveries: async () =>
			(await control<{ deliveries: SimulatorDelivery[] }>('GET', 'webhooks/deliveries')).deliveries,
		redeliver: async (webhookId) =>
			(
				await control<{ delivery: SimulatorDelivery }>(
					'POST',
					`webhooks/${encodeURIComponent(webhookId)}/redeliver`,
				)
			).delivery,
		sendToWebhook: async (webhookId, body) =>
			(
				await control<{ delivery: SimulatorDelivery }>(
					'POST',
					`webhooks/${encodeURIComponent(webhookId)}/send`,
					body,
				)
			).delivery,
		close: async () => {
			child.removeAllListeners('exit');
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill();
			await exited;
		},
	};
}
