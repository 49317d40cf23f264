import type { IncomingMessage } from 'node:http';

import { WebhookInputError } from './webhook';

const MAX_BODY_BYTES = 1024 * 1024;

/** The request's body as text (at most 1 MB). */
export async function readText(request: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of request) {
		size += (chunk as Buffer).length;
		if (size > MAX_BODY_BYTES) throw new WebhookInputError('the body is larger than 1 MB', 413);
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks).toString('utf8');
}

/** The request's body, which must be a JSON object (an empty body is `{}`). */
export async function readObject(request: IncomingMessage): Promise<Record<string, unknown>> {
	const text = await readText(request);
	let parsed: unknown;
	try {
		parsed = text.trim() ? JSON.parse(text) : {};
	} catch {
		throw new WebhookInputError('the body must be JSON');
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
		throw new WebhookInputError('the body must be a JSON object');
	return parsed as Record<string, unknown>;
}
