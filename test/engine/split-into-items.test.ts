import type { INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { useSimulator } from '../harness/fixture';
import { connectionById } from '../harness/workflow';
import { hubspotContact } from '../simulator/upstreams/hubspot';

const fixture = useSimulator({ hubspotContacts: 30 });

function hubspotList(options: Record<string, unknown>, limit = 5, after = 0): INodeParameters {
	return {
		connection: connectionById('conn_hubspot'),
		method: 'GET',
		path: '/crm/v3/objects/contacts',
		sendQuery: true,
		queryParameters: {
			parameters: [
				{ name: 'limit', value: String(limit) },
				{ name: 'after', value: String(after) },
			],
		},
		options,
	} as INodeParameters;
}

describe('Split Into Items (options.splitIntoItems), without pagination', () => {
	it('turns the list at the path into one item per record, each paired with its input item', async () => {
		const result = await fixture.run(hubspotList({ splitIntoItems: 'results' }), [{}, {}]);
		expect(result.status).toBe('success');
		const output = result.output('Passthrough')!;
		expect(output.map((item) => item.json)).toEqual([
			...[0, 1, 2, 3, 4].map(hubspotContact),
			...[0, 1, 2, 3, 4].map(hubspotContact),
		]);
		expect(output.map((item) => (item.pairedItem as { item: number }).item)).toEqual([
			0, 0, 0, 0, 0, 1, 1, 1, 1, 1,
		]);
		expect(fixture.passthroughCalls()).toHaveLength(2);
	});

	it('without it, the same call gives one item holding results', async () => {
		const output = (await fixture.run(hubspotList({}))).output('Passthrough')!;
		expect(output).toHaveLength(1);
		expect(Object.keys(output[0].json)).toContain('results');
	});

	it('an empty list gives one empty item, so the input item is not lost', async () => {
		// Past the last contact, HubSpot answers { results: [] }.
		const result = await fixture.run(hubspotList({ splitIntoItems: 'results' }, 5, 30));
		expect(result.status).toBe('success');
		expect(result.output('Passthrough')!.map((item) => item.json)).toEqual([{}]);
	});

	it('a path without a list fails the item, naming the fields that are there and the option', async () => {
		const result = await fixture.run(hubspotList({ splitIntoItems: 'items' }));
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'The response has no list at "items" (it has the fields results, paging) [item 0]',
		);
		expect(result.error?.description).toMatch(/^Set "Split Into Items" to the field/);
	});

	it('cannot be combined with Full Response: fails before any request', async () => {
		const result = await fixture.run(
			hubspotList({ splitIntoItems: 'results', fullResponse: true }),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('"Split Into Items"');
		expect(result.error?.message).toContain('Full Response');
		expect(fixture.passthroughCalls()).toEqual([]);
	});

	it('with pagination on and no Records Path there, it is the records path', async () => {
		const paged = (splitIntoItems: string) =>
			hubspotList(
				{
					splitIntoItems,
					pagination: {
						settings: { mode: 'cursor', cursorPath: 'paging.next.after', cursorParameter: 'after' },
					},
				},
				10,
			);
		const result = await fixture.run(paged('results'));
		expect(result.status).toBe('success');
		expect(result.output('Passthrough')!.map((item) => item.json.id)).toEqual(
			Array.from({ length: 30 }, (_, index) => hubspotContact(index).id),
		);
		expect(fixture.passthroughCalls()).toHaveLength(3);
		const wrong = await fixture.run(paged('items'));
		expect(wrong.error?.message).toContain('Page 1 has no list of records at "items"');
	});
});
