import { createServer } from 'node:net';

import { describe, expect, it } from 'vitest';

import { testCredential } from '../harness/credentialTest';
import { loadPackage, PACKAGE_ROOT } from '../harness/engine';
import { useSimulator } from '../harness/fixture';

const fixture = useSimulator();

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise((resolve) => server.close(resolve));
	return port;
}

describe('credential test (GET <base>/unified/connection?limit=1 with the Bearer key, by the nodes)', () => {
	it('passes with the right key against a custom base URL', async () => {
		const outcome = await testCredential({
			apiKey: fixture.sim.apiKey,
			region: 'custom',
			baseUrl: `${fixture.sim.baseUrl}/`,
		});
		expect(outcome).toMatchObject({ status: 'OK', message: 'Connection successful' });
	});

	it('is run by both nodes (testedBy), as n8n 1.x and 2.x look it up', async () => {
		const outcome = await testCredential({
			apiKey: fixture.sim.apiKey,
			region: 'custom',
			baseUrl: fixture.sim.baseUrl,
		});
		expect(outcome.testedBy).toEqual([
			'unifiedPassthrough.testUnifiedApiCredential',
			'unifiedPassthroughTrigger.testUnifiedApiCredential',
			'unifiedTrigger.testUnifiedApiCredential',
		]);
	});

	it('fails with a wrong key, saying it may be from another region (its own message, in every n8n version)', async () => {
		const outcome = await testCredential({
			apiKey: 'not-the-key',
			region: 'custom',
			baseUrl: fixture.sim.baseUrl,
		});
		expect(outcome.status).toBe('Error');
		expect(outcome.message).toMatch(/^Wrong API key, or a key from another region/);
		expect(outcome.message).toMatch(/US, EU or AU/);
	});

	it('a Base URL nothing answers at: names the URL and points at Region / Base URL', async () => {
		const port = await closedPort();
		const outcome = await testCredential({
			apiKey: fixture.sim.apiKey,
			region: 'custom',
			baseUrl: `http://127.0.0.1:${port}`,
		});
		expect(outcome.status).toBe('Error');
		expect(outcome.message).toBe(
			`Could not reach http://127.0.0.1:${port}/unified/connection?limit=1 (ECONNREFUSED): check Region in the credential, or Base URL for Custom Base URL`,
		);
	});

	it('a Base URL that is not Unified.to (404): says so, never shows the key', async () => {
		const outcome = await testCredential({
			apiKey: fixture.sim.apiKey,
			region: 'custom',
			baseUrl: `${fixture.sim.baseUrl}/not-unified`,
		});
		expect(outcome.status).toBe('Error');
		expect(outcome.message).toMatch(/\/not-unified\/unified\/connection\?limit=1 answered 404/);
		expect(outcome.message).toMatch(/Region in the credential, or Base URL/);
		expect(outcome.message).not.toContain(fixture.sim.apiKey);
	});

	it('an invalid Base URL: says what is wrong before any call', async () => {
		const outcome = await testCredential({ apiKey: 'k', region: 'custom', baseUrl: 'not a url' });
		expect(outcome).toMatchObject({ status: 'Error' });
		expect(outcome.message).toMatch(/"Base URL" is not a valid http\(s\) URL/);
	});

	it('requires a Base URL for Custom Base URL, and shows it only there', async () => {
		const { credential } = await loadPackage();
		const baseUrl = credential.properties.find((property) => property.name === 'baseUrl')!;
		expect(baseUrl.required).toBe(true);
		expect(baseUrl.displayOptions).toEqual({ show: { region: ['custom'] } });
		expect(baseUrl.description).toMatch(/^Required for Custom Base URL/);
	});

	it('has no authenticate (n8n 1.x would apply it for its HTTP Request node) and no declarative test', async () => {
		const { credential } = await loadPackage();
		expect(credential.authenticate).toBeUndefined();
		expect(credential.test).toBeUndefined();
	});

	it.each([
		['us', 'https://api.unified.to/unified/connection?limit=1'],
		['eu', 'https://api-eu.unified.to/unified/connection?limit=1'],
		['au', 'https://api-au.unified.to/unified/connection?limit=1'],
	])('region %s resolves to %s', async (region, url) => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { credentialTestUrl } = require(
			`${PACKAGE_ROOT}/dist/nodes/Unified/core/methods/credentialTest.js`,
		) as { credentialTestUrl(credentials: object): string };
		expect(credentialTestUrl({ apiKey: 'k', region })).toBe(url);
	});
});
