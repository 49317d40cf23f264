import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';

import { N8nCli } from '../e2e/n8n';
import type { Runtime } from '../e2e/runtime';

/** An `n8n start` of its own: own user folder, own ports, so it never meets another n8n on the machine. */
export interface EditorServer {
	url: string;
	/** The owner's session cookie (n8n-auth). */
	cookie: string;
	request<T>(method: string, path: string, body?: unknown): Promise<T>;
	stop(): Promise<void>;
}

const OWNER = {
	email: 'editor-check@example.com',
	firstName: 'Editor',
	lastName: 'Check',
	password: 'EditorCheck1234',
};

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null)
			throw new Error(`n8n exited with ${child.exitCode} while starting`);
		try {
			const response = await fetch(`${url}/healthz/readiness`);
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	throw new Error(`n8n did not become ready at ${url} within ${timeoutMs / 1000} s`);
}

export async function startEditorServer(
	runtime: Runtime,
	userFolder: string,
	port: number,
	log: (line: string) => void,
): Promise<EditorServer> {
	mkdirSync(userFolder, { recursive: true });
	const cli = new N8nCli(runtime, userFolder);
	const logFile = join(userFolder, 'n8n.log');
	const out = openSync(logFile, 'a');
	const child = spawn(runtime.node, [runtime.n8nBin, 'start'], {
		env: cli.env({
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_BROKER_PORT: String(port + 1),
			N8N_RUNNERS_ENABLED: 'true',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_COMMUNITY_PACKAGES_PREVENT_LOADING: 'false',
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		}),
		stdio: ['ignore', out, out],
	});
	const url = `http://127.0.0.1:${port}`;
	log(`n8n start on ${url} (log: ${logFile})`);
	await waitForHealth(url, child, 180_000);

	let cookie = '';
	const request = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
		const response = await fetch(`${url}/rest${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				...(cookie ? { cookie: `n8n-auth=${cookie}` } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.getSetCookie().find((line) => line.startsWith('n8n-auth='));
		if (setCookie) cookie = setCookie.slice('n8n-auth='.length).split(';')[0];
		const text = await response.text();
		if (!response.ok)
			throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 500)}`);
		const parsed = text ? (JSON.parse(text) as { data?: T }) : {};
		return (parsed.data ?? parsed) as T;
	};
	try {
		await request('POST', '/owner/setup', OWNER);
	} catch {
		// A second run on the same folder: the owner exists already.
		await request('POST', '/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
	}
	return {
		url,
		get cookie() {
			return cookie;
		},
		request,
		async stop() {
			if (child.exitCode !== null) return;
			child.kill('SIGTERM');
			await new Promise((resolve) => child.once('exit', resolve));
		},
	};
}
