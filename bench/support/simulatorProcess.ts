import { spawn } from 'node:child_process';
import { join } from 'node:path';

import type { RateLimitCounters, RateLimitOptions } from '../../test/simulator';

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
	close(): Promise<void>;
}

/** The simulator in its own process, so only the n8n side's memory and CPU are measured. */
export async function simulatorProcess(): Promise<SimulatorProcess> {
	const child = spawn(
		process.execPath,
		['--import', 'tsx', join(__dirname, '../../test/simulator/cli.ts'), '--port', '0'],
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
	const control = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
		const response = await fetch(`${baseUrl}/_sim/${path}`, {
			method,
			headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const answer = (await response.json()) as T & { message?: string };
		if (!response.ok) throw new Error(`simulator control ${method} ${path}: ${answer.message}`);
		return answer;
	};
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
		close: async () => {
			child.removeAllListeners('exit');
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill();
			await exited;
		},
	};
}
