import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';

/** The receiver's status, or why there is none; `refused`: not sent at all (a hook_url off this machine). */
export type PostResult = { status: number } | { error: string; refused?: true };

const ATTEMPT_TIMEOUT_MS = 10_000;

/** The simulator only sends to this machine: a hook_url elsewhere is never contacted. */
export function isLoopback(url: URL): boolean {
	const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
	if (host === 'localhost') return true;
	if (isIP(host) === 4) return host.startsWith('127.');
	return host === '::1' || host === '::ffff:127.0.0.1';
}

/** One POST of a JSON body to `hookUrl`, without keep-alive (nothing stays open after a test). */
export function postJson(hookUrl: string, body: string, signal: AbortSignal): Promise<PostResult> {
	let url: URL;
	try {
		url = new URL(hookUrl);
	} catch {
		// A test may set a webhook's hook_url directly, around the API's checks.
		return Promise.resolve({ error: `not sent: "${hookUrl}" is not a URL`, refused: true });
	}
	if (!isLoopback(url))
		return Promise.resolve({
			error: `not sent: the simulator delivers to loopback addresses only, not ${url.host}`,
			refused: true,
		});
	const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
	return new Promise((resolve) => {
		const outgoing = request(
			url,
			{
				method: 'POST',
				agent: false,
				signal,
				timeout: ATTEMPT_TIMEOUT_MS,
				headers: {
					'content-type': 'application/json',
					'content-length': Buffer.byteLength(body),
					'user-agent': 'unified-simulator-webhook',
				},
			},
			(response) => {
				response.resume();
				response.on('end', () => resolve({ status: response.statusCode ?? 0 }));
				response.on('error', (error) => resolve({ error: error.message }));
			},
		);
		outgoing.on('timeout', () =>
			outgoing.destroy(new Error(`no answer within ${ATTEMPT_TIMEOUT_MS} ms`)),
		);
		outgoing.on('error', (error) => resolve({ error: error.message }));
		outgoing.end(body);
	});
}
