import { LoggerProxy, type INodeParameters, type INode } from 'n8n-workflow';
import { expect } from 'vitest';

import type { RunResult } from '../../harness/engine';
import type { FixtureOptions } from '../../harness/fixture';
import { connectionById, passthroughWorkflow } from '../../harness/workflow';

/** Every line n8n logs during the tests, to check that the key never reaches a log. */
export const logLines: string[] = [];
const capture = (level: string) => (message: string, meta?: object) => {
	logLines.push(`${level} ${message} ${meta ? serialize(meta) : ''}`);
};
LoggerProxy.init({
	error: capture('error'),
	warn: capture('warn'),
	info: capture('info'),
	debug: capture('debug'),
});

/** JSON with the message, stack and cause of every error, which JSON.stringify would drop. */
export function serialize(value: unknown): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(value, (_key, entry: unknown) => {
		if (typeof entry === 'object' && entry !== null) {
			if (seen.has(entry)) return '[circular]';
			seen.add(entry);
		}
		if (entry instanceof Error) {
			return {
				...entry,
				name: entry.name,
				message: entry.message,
				stack: entry.stack,
				cause: entry.cause,
			};
		}
		return entry;
	});
}

export function expectNoKey(result: RunResult, apiKey: string): void {
	expect(serialize(result.run)).not.toContain(apiKey);
	expect(logLines.join('\n')).not.toContain(apiKey);
}

/** The reliability files' fixture options: every run is checked for the key. */
export const keyNeverShown: FixtureOptions = {
	afterEachRun: (result, sim) => expectNoKey(result, sim.apiKey),
};

export interface Step {
	method?: string;
	path: string;
	/** Extra entries of the node's `options`. */
	options?: INodeParameters;
	settings?: Partial<INode>;
}

/**
 * A workflow whose items each carry an `x-sim-fault` header value in `$json.fault` (empty for none), sent as
 * a custom header the simulator reads.
 */
export function faultWorkflow(items: Array<Record<string, unknown>>, step: Step) {
	return passthroughWorkflow(
		items.map((item) => ({ fault: '', ...item })),
		{
			parameters: {
				connection: connectionById('conn_acme'),
				method: step.method ?? 'GET',
				path: step.path,
				sendHeaders: true,
				specifyHeaders: 'keypair',
				headerParameters: { parameters: [{ name: 'x-sim-fault', value: '={{ $json.fault }}' }] },
				options: step.options ?? {},
			},
			settings: step.settings,
		},
	);
}

/** Options for quick retries in tests: real backoff, tiny cap. */
export function fastRetry(overrides: Record<string, unknown> = {}): INodeParameters {
	return {
		retry: {
			settings: {
				maxRetries: 3,
				retryOn: '429,502,503,504',
				maxWaitMs: 20,
				retryNonIdempotent: false,
				...overrides,
			},
		},
	};
}

export async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
	const started = Date.now();
	while (!condition()) {
		if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

export function errorMessage(result: RunResult): string {
	return String(result.error?.message ?? '');
}
