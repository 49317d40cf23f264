import { describe, expect, it } from 'vitest';

import { useSimulator } from '../harness/fixture';
import { agentToolWorkflow, AGENT_NAME, connectionById } from '../harness/workflow';

const fixture = useSimulator();

const echo = {
	connection: connectionById('conn_acme'),
	method: 'GET',
	path: '/echo',
	sendHeaders: true,
};

// Every spelling an attacker would try: case, "_" for "-" (CGI-style servers treat them alike), padding, the family
// prefixes, and __domain as a header.
const REFUSED = [
	'X-Forwarded-Host',
	'x-forwarded-for',
	'X-FORWARDED-PROTO',
	'x-forwarded-port',
	'X-Forwarded-Prefix',
	'X_Forwarded_Host',
	'x_forwarded-for',
	' x-forwarded-host ',
	'Forwarded',
	'FORWARDED',
	'X-Real-IP',
	'X-Original-URL',
	'x-original-host',
	'X-Rewrite-URL',
	'x_rewrite_url',
	'X-Host',
	'Host',
	'X-HTTP-Method-Override',
	'x-http-method',
	'X-Method-Override',
	'X_HTTP_METHOD_OVERRIDE',
	'__domain',
	'__DOMAIN',
	'__Domain',
	'--domain',
	'__domain_override',
];

describe('headers that would change where or how Unified.to routes the call', () => {
	it.each(REFUSED)('"%s" in the header rows is refused before any request', async (name) => {
		const result = await fixture.run({
			...echo,
			headerParameters: { parameters: [{ name, value: 'attacker.example' }] },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain(
			`Parameter "headerParameters": The header "${name.trim()}" cannot be set`,
		);
		expect(fixture.sim.log).toEqual([]);
	});

	it.each(['X-Forwarded-Host', 'x-http-method-override', '__DOMAIN'])(
		'"%s" in JSON headers is refused, naming jsonHeaders',
		async (name) => {
			const result = await fixture.run({
				...echo,
				specifyHeaders: 'json',
				jsonHeaders: JSON.stringify({ [name]: 'DELETE' }),
			});
			expect(result.error?.message).toMatch(
				/^Parameter "jsonHeaders": The header .* cannot be set/,
			);
			expect(fixture.sim.log).toEqual([]);
		},
	);

	it('says what to use instead of a method override', async () => {
		const result = await fixture.run({
			...echo,
			headerParameters: { parameters: [{ name: 'X-HTTP-Method-Override', value: 'DELETE' }] },
		});
		expect(result.error?.message).toContain('set the Method parameter instead');
	});

	it('other headers still reach the upstream, including look-alikes of the refused names', async () => {
		const sent = {
			'X-Request-Id': 'r-1',
			'X-Hostname-Hint': 'a',
			'X-Forwarder-Note': 'b',
			'X-Domain': 'c',
		};
		const result = await fixture.run({
			...echo,
			specifyHeaders: 'json',
			jsonHeaders: JSON.stringify(sent),
		});
		expect(result.status).toBe('success');
		expect(result.output('Passthrough')![0].json.headers).toMatchObject({
			'x-request-id': 'r-1',
			'x-hostname-hint': 'a',
			'x-forwarder-note': 'b',
			'x-domain': 'c',
		});
		expect(fixture.passthroughCalls()).toEqual(['GET conn_acme/echo']);
	});

	it('as an AI tool, model-written forwarding headers go back to the model as an error, and nothing is sent', async () => {
		const result = await fixture.runWorkflow(
			agentToolWorkflow(
				{ chatInput: 'list customers' },
				{
					parameters: {
						...echo,
						specifyHeaders: 'json',
						jsonHeaders: "={{ $fromAI('headers', 'HTTP headers as JSON', 'string') }}",
					},
				},
				[{ headers: '{"X-Forwarded-Host": "attacker.example", "X-Forwarded-Proto": "http"}' }],
			),
		);
		expect(result.status).toBe('success');
		const [call] = result.output(AGENT_NAME)!;
		expect(call.json.output).toEqual([
			{ error: expect.stringContaining('The header "X-Forwarded-Host" cannot be set') },
		]);
		expect(fixture.sim.log).toEqual([]);
	});
});
