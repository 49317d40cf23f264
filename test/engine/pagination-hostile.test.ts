import type { INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { useSimulator } from '../harness/fixture';
import { connectionById } from '../harness/workflow';
import { pagedItem } from '../simulator/upstreams/paged';

const ITEMS = 300;
const fixture = useSimulator({ acmeItems: ITEMS });
const all = Array.from({ length: ITEMS }, (_, index) => pagedItem(index).id);
const ids = (items: Array<{ json: Record<string, unknown> }> | undefined) =>
	(items ?? []).map((item) => item.json.id);

describe('pagination against hostile upstream answers', () => {
	it('reads a Link header with 15,000 stray "<" before the links, and follows the real next link', async () => {
		const result = await fixture.run({
			connection: connectionById('conn_acme'),
			method: 'GET',
			path: '/v2/items/link',
			sendQuery: true,
			queryParameters: {
				parameters: [
					{ name: 'per_page', value: '100' },
					{ name: 'junk', value: '15000' },
				],
			},
			options: { pagination: { settings: { mode: 'linkHeader', maxPages: 0 } } },
		} as INodeParameters);
		expect(result.error).toBeUndefined();
		expect(ids(result.output('Passthrough'))).toEqual(all);
		expect(fixture.sim.log.map((entry) => new URLSearchParams(entry.rawQuery).get('page'))).toEqual(
			[null, '2', '3'],
		);
	});

	const bigCursorCall = (query: string) =>
		({
			connection: connectionById('conn_acme'),
			method: 'POST',
			path: `/v2/items/big-cursor?${query}`,
			sendBody: true,
			contentType: 'json',
			specifyBody: 'json',
			jsonBody: JSON.stringify({ limit: 100 }),
			options: {
				pagination: {
					settings: {
						mode: 'cursor',
						cursorPath: 'meta.next_cursor',
						cursorParameter: 'cursor',
						parameterIn: 'body',
						maxPages: 0,
					},
				},
			},
		}) as INodeParameters;

	it('pages with 1 MiB cursors', async () => {
		const result = await fixture.run(bigCursorCall(`pad=${1024 * 1024}`));
		expect(result.error).toBeUndefined();
		expect(ids(result.output('Passthrough'))).toEqual(all);
		expect(fixture.sim.log).toHaveLength(3);
	});

	it('stops when a 1 MiB cursor comes back, quoting only its start', async () => {
		const result = await fixture.run(bigCursorCall(`pad=${1024 * 1024}&loop=1`));
		expect(result.status).toBe('error');
		const message = String(result.error?.message);
		expect(message).toMatch(
			/page 3 returned the same next cursor or URL as page 1 \("[\w-]+\.x+\.\.\."\)/,
		);
		expect(message.length).toBeLessThan(400);
		expect(fixture.sim.log).toHaveLength(3);
	});
});
