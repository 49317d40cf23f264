import type { INodeListSearchResult, INodeType, ILoadOptionsFunctions } from 'n8n-workflow';
import { beforeAll, describe, expect, it } from 'vitest';

import { loadOptionsContext, loadPackage } from '../harness/engine';
import { useSimulator } from '../harness/fixture';

const EXTRA = 230;
const fixture = useSimulator({ extraConnections: EXTRA });
let search: (filter?: string, token?: string) => Promise<INodeListSearchResult>;

beforeAll(async () => {
	const node = (await loadPackage()).node as INodeType;
	const context = await loadOptionsContext(fixture.credentials);
	const method = node.methods!.listSearch!.searchConnections;
	search = (filter, token) => method.call(context as ILoadOptionsFunctions, filter, token);
});

async function searchAll(filter?: string): Promise<INodeListSearchResult['results']> {
	const all: INodeListSearchResult['results'] = [];
	let token: string | undefined;
	let calls = 0;
	do {
		const page = await search(filter, token);
		all.push(...page.results);
		token = page.paginationToken as string | undefined;
		expect(++calls).toBeLessThan(20);
	} while (token);
	return all;
}

describe('connection picker (list mode)', () => {
	it('pages through every connection, not only the first 100', async () => {
		const first = await search();
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('100');
		const all = await searchAll();
		expect(all.map((result) => result.value)).toEqual(
			fixture.sim.connections.map((connection) => connection.id),
		);
	});

	it('filters on integration, name, id and external xref across pages', async () => {
		const byXref = await searchAll('customer-42');
		expect(byXref.map((result) => result.value).sort()).toEqual(['conn_hubspot', 'conn_slack']);
		const byName = await searchAll('PIPEDRIVE');
		expect(byName).toHaveLength(EXTRA / 2);
		// The last extra connection sits on the third page of the API: the search must read that far.
		const last = `conn_extra_${String(EXTRA - 1).padStart(4, '0')}`;
		expect((await searchAll(last)).map((result) => result.value)).toEqual([last]);
		expect(await searchAll('salesforce')).toHaveLength(2);
		expect(await searchAll('no-such-thing')).toEqual([]);
	});

	it('labels integration and xref (else ID) first, then the status, short enough for the picker', async () => {
		const results = await searchAll();
		const byId = Object.fromEntries(results.map((result) => [result.value, result.name]));
		expect(byId.conn_hubspot).toBe('HubSpot – customer-42');
		expect(byId.conn_slack).toBe('Slack – customer-42');
		expect(byId.conn_hubspot_paused).toBe('HubSpot – customer-50 [paused]');
		expect(byId.conn_salesforce_expired).toBe('Salesforce – customer-13 [unhealthy: 401]');
		expect(byId.conn_salesforce).not.toMatch(/paused|unhealthy/);
		// n8n 2.41's picker shows about 55 characters of an entry (scripts/editor/check.ts measures it).
		expect(results.filter((result) => result.name.length > 45)).toEqual([]);
	});

	it('gives no app link for a custom base URL (the simulator has no web app)', async () => {
		expect((await search('conn_acme')).results[0].url).toBeUndefined();
	});

	it('says to check the credential when the key is wrong, without showing the key', async () => {
		const wrongKey = 'wrong_key_0123456789';
		const node = (await loadPackage()).node as INodeType;
		const context = await loadOptionsContext({ apiKey: wrongKey, baseUrl: fixture.sim.baseUrl });
		const error = await node
			.methods!.listSearch!.searchConnections.call(context as ILoadOptionsFunctions)
			.catch((caught: Error) => caught);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toMatch(/401/);
		expect(JSON.stringify(error)).not.toContain(wrongKey);
		expect((error as Error & { description?: string }).description).toMatch(/API key and region/);
	});
});
