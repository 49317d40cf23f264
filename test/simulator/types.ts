import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

export interface SimConnection {
	id: string;
	workspace_id: string;
	integration_type: string;
	integration_name: string;
	categories: string[];
	permissions: string[];
	environment: string;
	external_xref?: string;
	is_paused: boolean;
	created_at: string;
	updated_at: string;
	last_healthy_at?: string;
	last_unhealthy_at?: string;
	last_unhealthy_code?: string;
}

export interface UpstreamRequest {
	method: string;
	/** Decoded path relative to the integration's API root, without a leading slash. */
	path: string;
	query: URLSearchParams;
	rawQuery: string;
	headers: IncomingHttpHeaders;
	connection: SimConnection;
	/** The whole request body (read once, cached). */
	body(): Promise<Buffer>;
	stream: IncomingMessage;
	signal: AbortSignal;
}

export interface Reply {
	status: number;
	headers?: Record<string, string | string[]>;
	/** An object or array is sent as JSON; a string, Buffer or stream as given. */
	body?: unknown;
}

export type Upstream = (request: UpstreamRequest) => Promise<Reply> | Reply;

export function json(
	status: number,
	body: unknown,
	headers: Record<string, string | string[]> = {},
): Reply {
	return {
		status,
		body,
		headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
	};
}
