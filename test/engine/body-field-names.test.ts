import type { INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { useSimulator } from '../harness/fixture';
import { connectionById } from '../harness/workflow';

const fixture = useSimulator();

const post = (
	fields: Array<{ name: string; value: string }>,
	extra: INodeParameters = {},
): INodeParameters => ({
	connection: connectionById('conn_acme'),
	method: 'POST',
	path: '/echo',
	sendBody: true,
	contentType: 'json',
	bodyParameters: { parameters: fields },
	...extra,
});

describe('body field names that would reach a prototype fail the item instead of vanishing', () => {
	it.each([
		['user.__proto__.isAdmin', '__proto__'],
		['__proto__', '__proto__'],
		['user.constructor.prototype.isAdmin', 'constructor'],
		['items[0].prototype', 'prototype'],
	])('%s', async (name, segment) => {
		const result = await fixture.run(
			post([
				{ name: 'email', value: 'ada@example.com' },
				{ name, value: 'true' },
			]),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			`Parameter "bodyParameters": The body field "${name}" has the part "${segment}", which a dotted name cannot create (it is an object's prototype key); send this body with Specify Body "Using JSON" instead`,
		);
		expect(result.error?.description).toContain('no request was sent');
		expect(fixture.sim.log).toHaveLength(0);
	});

	it('with Continue On Fail, only the item with the bad name fails', async () => {
		const result = await fixture.run(
			post([{ name: '={{ $json.field }}', value: 'x' }]),
			[{ field: 'profile.name' }, { field: 'profile.__proto__.polluted' }],
			{ onError: 'continueRegularOutput' },
		);
		expect(result.status).toBe('success');
		const [good, bad] = result.output('Passthrough') ?? [];
		expect(JSON.parse(String(good.json.bodyText))).toEqual({ profile: { name: 'x' } });
		expect(String(bad.json.error)).toContain(
			'The body field "profile.__proto__.polluted" has the part "__proto__"',
		);
		expect(fixture.sim.log).toHaveLength(1);
	});

	it('names that merely contain the words are sent', async () => {
		const result = await fixture.run(
			post([{ name: 'my__proto__.constructors.prototype_id', value: '1' }]),
		);
		expect(result.error).toBeUndefined();
		expect(JSON.parse(String(result.output('Passthrough')?.[0].json.bodyText))).toEqual({
			my__proto__: { constructors: { prototype_id: '1' } },
		});
	});

	it('a pagination parameter written into the body is checked the same way', async () => {
		const result = await fixture.run(
			post([], {
				options: {
					pagination: {
						settings: {
							mode: 'cursor',
							cursorPath: 'meta.next',
							cursorParameter: 'page.__proto__.cursor',
							parameterIn: 'body',
						},
					},
				},
			}),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain(
			'Parameter "options.pagination": Pagination "cursorParameter" ("page.__proto__.cursor") has the part "__proto__"',
		);
		expect(fixture.sim.log).toHaveLength(0);
	});
});
