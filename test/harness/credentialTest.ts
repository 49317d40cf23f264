import { request } from 'undici';
import { Workflow } from 'n8n-workflow';

import { loadPackage } from './engine';

export interface CredentialTestOutcome {
	ok: boolean;
	statusCode?: number;
	url: string;
	/** What n8n's credential tester shows for a failed test: the message of the rule for that status, if any. */
	message?: string;
}

/**
 * Resolves the credential type's own `test` request and `authenticate` headers (n8n expressions over
 * `$credentials`), the way n8n's credential tester does, and sends it. Proves the credential definition in
 * dist/, not a copy of its logic.
 */
export async function testCredential(
	credentials: Record<string, string>,
	options: { dryRun?: boolean } = {},
): Promise<CredentialTestOutcome> {
	const { credential } = await loadPackage();
	const test = credential.test?.request;
	if (!test) throw new Error('the credential has no test request');
	const workflow = new Workflow({
		nodes: [],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => undefined,
			getByNameAndVersion: () => undefined,
			getKnownTypes: () => ({}),
		} as never,
	});
	const resolve = (value: unknown) =>
		workflow.expression.getSimpleParameterValue(
			{
				name: 'credential-test',
				type: 'test',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
				id: 't',
			},
			value as string,
			'internal',
			{ $credentials: credentials },
		);
	const baseURL = String(resolve(test.baseURL));
	const query = new URLSearchParams(
		Object.entries(test.qs ?? {}).map(([name, value]) => [name, String(value)]),
	).toString();
	const url = `${baseURL}${test.url}${query ? `?${query}` : ''}`;
	if (options.dryRun) return { ok: true, url };
	const authenticate = credential.authenticate as {
		properties: { headers: Record<string, string> };
	};
	const headers = Object.fromEntries(
		Object.entries(authenticate.properties.headers).map(([name, value]) => [
			name,
			String(resolve(value)),
		]),
	);
	const response = await request(url, { method: test.method ?? 'GET', headers });
	await response.body.dump();
	const ok = response.statusCode >= 200 && response.statusCode < 300;
	// As n8n's CredentialsTester: on an error status, the first `responseCode` rule for it gives the message.
	const rule = ok
		? undefined
		: (credential.test?.rules ?? []).find(
				(candidate) =>
					candidate.type === 'responseCode' && candidate.properties.value === response.statusCode,
			);
	return {
		ok,
		statusCode: response.statusCode,
		url,
		...(rule ? { message: (rule.properties as { message: string }).message } : {}),
	};
}
