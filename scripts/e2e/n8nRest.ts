// The editor's REST API of a running `n8n start`, for what its CLI cannot do while n8n runs: deactivating a
// published workflow (`n8n unpublish:workflow` only flips a flag in the database; the running process never
// calls the trigger's `delete`) and listing a workflow's executions. Signs in by setting up the owner once.

const OWNER = {
	email: 'e2e-owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2eOwner-password-1',
};

export interface ExecutionSummary {
	id: string;
	status: string;
	mode: string;
	/** ISO times. */
	startedAt: string;
	stoppedAt?: string;
}

export class N8nRest {
	private cookie = '';

	constructor(private readonly baseUrl: string) {}

	/** Sets up the instance owner (a fresh database has none) or signs in as it, and keeps the session cookie. */
	async signIn(): Promise<void> {
		let response = await fetch(`${this.baseUrl}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(OWNER),
		});
		if (!response.ok) {
			response = await fetch(`${this.baseUrl}/rest/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
			});
		}
		if (!response.ok)
			throw new Error(`n8n sign-in: HTTP ${response.status} ${await response.text()}`);
		const cookie = response.headers.getSetCookie().find((line) => line.startsWith('n8n-auth='));
		if (!cookie) throw new Error('n8n sign-in: no n8n-auth cookie');
		this.cookie = cookie.split(';')[0];
	}

	private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.baseUrl}/rest/${path}`, {
			method,
			headers: { cookie: this.cookie, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) {
			let message = text;
			try {
				message = (JSON.parse(text) as { message?: string }).message ?? text;
			} catch {
				// not JSON
			}
			throw new Error(
				`n8n ${method} /rest/${path}: HTTP ${response.status} ${message.slice(0, 300)}`,
			);
		}
		return (JSON.parse(text) as { data: T }).data;
	}

	/** Unpublishes the workflow in the running process: n8n removes its triggers (a webhook trigger's `delete`). */
	async deactivate(workflowId: string): Promise<void> {
		await this.call('POST', `workflows/${encodeURIComponent(workflowId)}/deactivate`, {});
	}

	/** The workflow's executions, newest first (at most 100, n8n's page limit). */
	async executions(workflowId: string): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const page = await this.call<{ results: ExecutionSummary[] }>(
			'GET',
			`executions?filter=${filter}&limit=100`,
		);
		return page.results;
	}
}
