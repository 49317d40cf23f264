import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

import { json, type Reply } from './types';

/** An error in Unified's own shape: `{statusCode, error, message}`. */
export function unifiedError(
	status: number,
	error: string,
	message: string,
	headers: Record<string, string> = {},
): Reply {
	return json(status, { statusCode: status, error, message }, headers);
}

/** Writes a reply: an object or array as JSON, a string or Buffer with its length, a stream piped as it comes. */
export function send(
	response: ServerResponse,
	reply: Reply,
	extraHeaders: Record<string, string>,
): void {
	const headers: Record<string, string | string[]> = { ...extraHeaders, ...(reply.headers ?? {}) };
	const { body } = reply;
	if (body instanceof Readable) {
		response.writeHead(reply.status, headers);
		body.pipe(response);
		return;
	}
	let payload: Buffer | undefined;
	if (Buffer.isBuffer(body)) payload = body;
	else if (typeof body === 'string') payload = Buffer.from(body);
	else if (body !== undefined) payload = Buffer.from(JSON.stringify(body));
	if (payload) headers['content-length'] = String(payload.length);
	response.writeHead(reply.status, headers);
	response.end(payload);
}
