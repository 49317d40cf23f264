import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { request } from 'undici';

import { apiBaseUrl, type UnifiedCredentials } from '../shared/baseUrl';
import { errorCode } from '../errors/errorCode';
import { redactSecret } from '../shared/redact';

/** A credential test is one quick call: no retries, a short timeout, a small answer. */
const TEST_TIMEOUT_MS = 15_000;

export const WRONG_KEY_MESSAGE =
	'Wrong API key, or a key from another region: a Unified.to key works only in the region (US, EU or AU) of its workspace';

const WHERE_TO_LOOK = 'check Region in the credential, or Base URL for Custom Base URL';

function unreachable(url: string, error: unknown): string {
	const code = errorCode(error);
	const cause = code ?? (error as Error).message ?? String(error);
	return `Could not reach ${url} (${cause}): ${WHERE_TO_LOOK}`;
}

/** What the test calls: the cheapest authenticated read of Unified's own API. */
export function credentialTestUrl(credentials: UnifiedCredentials): string {
	return `${apiBaseUrl(credentials)}/unified/connection?limit=1`;
}

/**
 * The credential's test, run by n8n's credential tester through the nodes' `testedBy` (n8n 1.x and 2.x alike):
 * `GET <base>/unified/connection?limit=1` with the key. A node method rather than the credential's declarative
 * `test`, because that needs the credential's `authenticate`, which n8n 1.x would also apply for its HTTP Request
 * node (the key sent anywhere); and so every failure says what to check, in every n8n version (1.x showed its own
 * "Authorization failed" for a 401, and a wrong Base URL showed only "ECONNREFUSED").
 */
export async function testUnifiedApiCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const credentials = (credential.data ?? {}) as unknown as UnifiedCredentials;
	if (!credentials.apiKey) return { status: 'Error', message: 'API Key is empty' };
	let url: string;
	try {
		url = credentialTestUrl(credentials);
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
	try {
		const response = await request(url, {
			method: 'GET',
			headers: { authorization: `Bearer ${credentials.apiKey}`, accept: 'application/json' },
			headersTimeout: TEST_TIMEOUT_MS,
			bodyTimeout: TEST_TIMEOUT_MS,
			signal: AbortSignal.timeout(TEST_TIMEOUT_MS),
		});
		const text = (await response.body.text()).slice(0, 300);
		const status = response.statusCode;
		if (status >= 200 && status < 300) return { status: 'OK', message: 'Connection successful' };
		if (status === 401) return { status: 'Error', message: WRONG_KEY_MESSAGE };
		let detail = text;
		try {
			detail = (JSON.parse(text) as { message?: string }).message ?? text;
		} catch {
			// not JSON: keep the text
		}
		return {
			status: 'Error',
			message: redactSecret(
				`${url} answered ${status}${detail ? `: ${detail}` : ''}${status === 404 ? ` (not Unified.to's API? ${WHERE_TO_LOOK})` : ''}`,
				credentials.apiKey,
			),
		};
	} catch (error) {
		return { status: 'Error', message: redactSecret(unreachable(url, error), credentials.apiKey) };
	}
}
