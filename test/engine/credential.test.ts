import { describe, expect, it } from 'vitest';

import { testCredential } from '../harness/credentialTest';
import { loadPackage } from '../harness/engine';
import { useSimulator } from '../harness/fixture';

const fixture = useSimulator();

describe('credential test (GET <base>/unified/connection?limit=1 with the Bearer key)', () => {
	it('passes with the right key against a custom base URL', async () => {
		const outcome = await testCredential({
			apiKey: fixture.sim.apiKey,
			region: 'custom',
			baseUrl: `${fixture.sim.baseUrl}/`,
		});
		expect(outcome).toEqual({
			ok: true,
			statusCode: 200,
			url: `${fixture.sim.baseUrl}/unified/connection?limit=1`,
		});
	});

	it('fails with a wrong key, saying it may be from another region', async () => {
		const outcome = await testCredential({
			apiKey: 'not-the-key',
			region: 'custom',
			baseUrl: fixture.sim.baseUrl,
		});
		expect(outcome).toMatchObject({ ok: false, statusCode: 401 });
		expect(outcome.message).toMatch(/^Wrong API key, or a key from another region/);
		expect(outcome.message).toMatch(/US, EU or AU/);
	});

	it('requires a Base URL for Custom Base URL, and shows it only there', async () => {
		const { credential } = await loadPackage();
		const baseUrl = credential.properties.find((property) => property.name === 'baseUrl')!;
		expect(baseUrl.required).toBe(true);
		expect(baseUrl.displayOptions).toEqual({ show: { region: ['custom'] } });
		expect(baseUrl.description).toMatch(/^Required for Custom Base URL/);
	});

	it.each([
		['us', 'https://api.unified.to/unified/connection?limit=1'],
		['eu', 'https://api-eu.unified.to/unified/connection?limit=1'],
		['au', 'https://api-au.unified.to/unified/connection?limit=1'],
	])('region %s resolves to %s', async (region, url) => {
		const outcome = await testCredential({ apiKey: 'k', region }, { dryRun: true });
		expect(outcome.url).toBe(url);
	});
});
