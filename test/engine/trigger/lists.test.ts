import type {
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
} from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { loadOptionsContext, loadPackage } from '../../harness/engine';
import { useSimulator } from '../../harness/fixture';
import { createPoller } from '../../harness/poll';
import { connectionById } from '../../harness/workflow';
import { postToFeed } from '../../simulator/upstreams/slackHistory';

// Issue 19 item 16: the trigger's Object, Properties and Channel are lists loaded through the connection's own
// passthrough (as the editor loads them), and a plain string saved before still runs.

const fixture = useSimulator({ slackChannels: 450 });

async function method<T>(
	kind: 'listSearch' | 'loadOptions',
	name: string,
	parameters: INodeParameters,
	...args: unknown[]
): Promise<T> {
	const trigger = (await loadPackage()).loader.getNode('unifiedPassthroughTrigger')
		.type as INodeType;
	const context = await loadOptionsContext(fixture.credentials, parameters, 'trigger');
	const fn = trigger.methods![kind]![name] as (
		this: ILoadOptionsFunctions,
		...a: unknown[]
	) => Promise<T>;
	return await fn.call(context, ...args);
}

const hubspot = { connection: connectionById('conn_hubspot'), source: 'hubspot' };
const slack = { connection: connectionById('conn_slack'), source: 'slack' };

describe('trigger: the lists of the editor', () => {
	it("Object lists HubSpot's standard objects and the portal's custom ones, searchable", async () => {
		const all = await method<INodeListSearchResult>('listSearch', 'searchHubspotObjects', hubspot);
		const values = all.results.map((result) => result.value);
		expect(values).toEqual(expect.arrayContaining(['contacts', 'companies', 'deals', 'tickets']));
		expect(all.results).toContainEqual({ name: 'Pets', value: '2-1234567' });
		const pets = await method<INodeListSearchResult>(
			'listSearch',
			'searchHubspotObjects',
			hubspot,
			'PET',
		);
		expect(pets.results).toEqual([{ name: 'Pets', value: '2-1234567' }]);
		// Through the connection's passthrough, never Unified's own API.
		expect(fixture.sim.log.map((entry) => entry.path)).toEqual([
			'crm/v3/schemas',
			'crm/v3/schemas',
		]);
	});

	it("Properties lists the picked object's properties by label, with the object saved either way", async () => {
		for (const hubspotObject of [{ __rl: true, mode: 'list', value: 'contacts' }, 'contacts']) {
			const options = await method<INodePropertyOptions[]>('loadOptions', 'getHubspotProperties', {
				...hubspot,
				hubspotObject,
			});
			expect(options).toContainEqual(expect.objectContaining({ name: 'Email', value: 'email' }));
			expect(options.map((option) => option.name)).toEqual(
				[...options.map((option) => option.name)].sort((a, b) => a.localeCompare(b)),
			);
		}
		expect(fixture.sim.log.map((entry) => entry.path)).toEqual([
			'crm/v3/properties/contacts',
			'crm/v3/properties/contacts',
		]);
	});

	it('Properties refuses a hostile object, naming the field, before sending anything', async () => {
		for (const value of [
			'../../unified/connection',
			'contacts/../../unified',
			'%2e%2e',
			'contacts?x=1',
		]) {
			const error = await method('loadOptions', 'getHubspotProperties', {
				...hubspot,
				hubspotObject: { __rl: true, mode: 'id', value },
			}).catch((caught: Error) => caught);
			expect(error, value).toBeInstanceOf(Error);
			expect((error as Error).message, value).toMatch(/hubspotObject|HubSpot object/);
		}
		expect(fixture.sim.received).toEqual([]);
	});

	it('Channel lists every channel as "#name" across Slack pages, and searches them', async () => {
		const first = await method<INodeListSearchResult>('listSearch', 'searchSlackChannels', slack);
		expect(first.results[0]).toEqual({ name: '#general', value: 'C10000000' });
		expect(first.results).toHaveLength(200);
		expect(first.paginationToken).toBeTruthy();
		const rest: INodeListSearchResult['results'] = [];
		let token = first.paginationToken as string | undefined;
		for (let calls = 0; token && calls < 5; calls++) {
			const page = await method<INodeListSearchResult>(
				'listSearch',
				'searchSlackChannels',
				slack,
				undefined,
				token,
			);
			rest.push(...page.results);
			token = page.paginationToken as string | undefined;
		}
		expect(first.results.length + rest.length).toBe(450);
		// The last channel sits on Slack's third page: a search reads that far in one call.
		const last = await method<INodeListSearchResult>(
			'listSearch',
			'searchSlackChannels',
			slack,
			'channel-00449',
		);
		expect(last.results).toEqual([{ name: '#channel-00449', value: 'C10000449' }]);
	});

	it('says which field is missing when no connection is picked, and never shows the key', async () => {
		const error = await method('listSearch', 'searchSlackChannels', {
			source: 'slack',
			connection: { __rl: true, mode: 'list', value: '' },
		}).catch((caught: Error) => caught);
		expect((error as Error).message).toMatch(/connection/i);
		expect(JSON.stringify(error)).not.toContain(fixture.sim.apiKey);
		expect(fixture.sim.received).toEqual([]);
	});
});

describe('trigger: Object, Properties and Channel saved as lists or as the plain strings of before', () => {
	it('HubSpot: a picked object and property list read the same records, in the same state, as strings', async () => {
		const asLists = await createPoller({
			credentials: fixture.credentials,
			parameters: {
				...hubspot,
				hubspotObject: { __rl: true, mode: 'list', value: 'contacts' },
				hubspotProperties: ['email', 'firstname'],
				options: { firstPoll: 'emitAll', maxRecordsPerPoll: 3 },
			},
		});
		const asStrings = await createPoller({
			credentials: fixture.credentials,
			parameters: {
				...hubspot,
				hubspotObject: 'contacts',
				hubspotProperties: 'email,firstname',
				options: { firstPoll: 'emitAll', maxRecordsPerPoll: 3 },
			},
		});
		const lists = await asLists.poll();
		const strings = await asStrings.poll();
		expect(lists.error).toBeUndefined();
		expect(lists.items).toHaveLength(3);
		expect(lists.items).toEqual(strings.items);
		expect(lists.items![0].json).toMatchObject({ properties: { email: expect.any(String) } });
		expect(JSON.stringify(asLists.staticData)).toBe(JSON.stringify(asStrings.staticData));
	});

	it('Slack: a picked channel polls like the channel ID saved as a string', async () => {
		const channel = 'C0LISTED1';
		postToFeed(fixture.sim.feed, channel, 'before');
		const saved = [{ __rl: true, mode: 'list', value: channel }, channel];
		for (const [index, slackChannel] of saved.entries()) {
			const trigger = await createPoller({
				credentials: fixture.credentials,
				parameters: { ...slack, slackChannel },
			});
			expect((await trigger.poll()).items).toBeNull();
			postToFeed(fixture.sim.feed, channel, `hello ${index}`, Date.now() + 1_000 * (index + 1));
			const { items, error } = await trigger.poll();
			expect(error).toBeUndefined();
			expect(items?.map((item) => item.json.text)).toEqual([`hello ${index}`]);
		}
	});
});
