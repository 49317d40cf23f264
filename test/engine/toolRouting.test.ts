import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RunResult } from '../harness/engine';
import { useSimulator } from '../harness/fixture';
import { startRecordingProxy, type RecordingProxy } from '../harness/proxy';
import { startTlsFront, type TlsFront } from '../harness/tlsFront';
import { agentToolWorkflow, AGENT_NAME, connectionById } from '../harness/workflow';

// The tool calls below run the way n8n 2.x runs them (see HarnessAgent): the node as an agent's tool, its input item
// built by n8n-core from the agent's input and the model's arguments, $fromAI reading those arguments.
const fixture = useSimulator({ hubspotContacts: 3 });
let proxy: RecordingProxy;
let tlsFront: TlsFront;
beforeAll(async () => {
	proxy = await startRecordingProxy();
	tlsFront = await startTlsFront(fixture.sim.baseUrl);
});
afterAll(async () => {
	await proxy.close();
	await tlsFront.close();
});

const contacts = {
	connection: connectionById('conn_hubspot'),
	method: 'GET',
	path: 'crm/v3/objects/contacts',
};
const byXref = (value: string) => ({ __rl: true, mode: 'externalXref', value });
/** What n8n's editor writes when "let the model define this parameter" is clicked. */
const modelDefined = (key: string, type = 'string') =>
	`={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('${key}', \`\`, '${type}') }}`;

const chat = { chatInput: 'hi' };

/** What the model got back from each call. */
function answers(result: RunResult): IDataObject[][] {
	expect(result.status).toBe('success');
	return result.output(AGENT_NAME)!.map((item) => item.json.output as IDataObject[]);
}

describe("as an AI tool, Domain, Proxy and Ignore SSL Issues are not the model's", () => {
	it('a model-defined Domain never reaches Unified.to as __domain', async () => {
		const result = await fixture.runWorkflow(
			agentToolWorkflow(
				chat,
				{ parameters: { ...contacts, options: { domain: modelDefined('Domain') } } },
				[{ Domain: 'attacker.example' }],
			),
		);
		expect(answers(result)[0][0].results).toHaveLength(3);
		expect(fixture.sim.log.map((entry) => entry.rawQuery)).toEqual(['']);
	});

	it('a model-defined Proxy is not used', async () => {
		proxy.tunnels.length = 0;
		const result = await fixture.runWorkflow(
			agentToolWorkflow(
				chat,
				{ parameters: { ...contacts, options: { proxy: modelDefined('Proxy') } } },
				[{ Proxy: proxy.url }],
			),
		);
		expect(answers(result)[0][0].results).toHaveLength(3);
		expect(proxy.tunnels).toEqual([]);
	});

	it('a model-defined Ignore SSL Issues does not turn certificate checks off', async () => {
		const result = await fixture.runWorkflow(
			agentToolWorkflow(
				chat,
				{
					parameters: {
						...contacts,
						options: { allowUnauthorizedCerts: modelDefined('Ignore_SSL_Issues', 'boolean') },
					},
				},
				[{ Ignore_SSL_Issues: true }],
			),
			{ credentials: { baseUrl: tlsFront.baseUrl } },
		);
		expect(answers(result)[0]).toEqual([
			{ error: expect.stringContaining('DEPTH_ZERO_SELF_SIGNED_CERT') },
		]);
		expect(fixture.sim.log).toEqual([]);
	});
});

describe('an option that decides where the call goes, filled by $fromAI, is refused before any request', () => {
	// Outside an agent n8n keeps these options, and $fromAI reads the input item: the node's own check is what stops
	// them. Every spelling n8n resolves, or that its argument scanner finds.
	const spellings = [
		"={{ $fromAI('d') }}",
		"={{$fromAI('d')}}",
		"={{ $fromai('d') }}",
		"={{ $fromAi ( 'd' ) }}",
		"={{ $FROMAI('d') }}",
		"={{ $fromAI\n('d') }}",
		"={{ $fromAI/* a comment */('d') }}",
		"={{ ($fromAI)('d') }}",
		"={{ [$fromAI][0]('d') }}",
		"={{ $from\\u0041I('d') }}",
		"={{ $from\\u{41}I('d') }}",
		"={{ \\u0024fromAI('d') }}",
		"=https://{{ $fromAI('d') }}.example",
		modelDefined('d'),
	];

	it.each(spellings)('Domain %s', async (domain) => {
		const result = await fixture.run({ ...contacts, options: { domain } }, [
			{ d: 'attacker.example' },
		]);
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain(
			'Parameter "options.domain": The "Domain" option is filled by the AI model ($fromAI)',
		);
		expect(fixture.sim.log).toEqual([]);
	});

	it('Proxy', async () => {
		proxy.tunnels.length = 0;
		const result = await fixture.run({ ...contacts, options: { proxy: "={{ $fromAI('p') }}" } }, [
			{ p: proxy.url },
		]);
		expect(result.error?.message).toContain(
			'Parameter "options.proxy": The "Proxy" option is filled by the AI model',
		);
		expect(proxy.tunnels).toEqual([]);
		expect(fixture.sim.log).toEqual([]);
	});

	it('Ignore SSL Issues', async () => {
		const result = await fixture.run(
			{ ...contacts, options: { allowUnauthorizedCerts: "={{ $fromAI('i', '', 'boolean') }}" } },
			[{ i: true }],
		);
		expect(result.error?.message).toContain(
			'Parameter "options.allowUnauthorizedCerts": The "Ignore SSL Issues" option is filled by the AI model',
		);
		expect(fixture.sim.log).toEqual([]);
	});

	it('the whole Options collection as one expression is not evaluated by n8n, so it cannot set Domain', async () => {
		const result = await fixture.run({ ...contacts, options: "={{ { domain: $fromAI('d') } }}" }, [
			{ d: 'attacker.example' },
		]);
		expect(result.status).toBe('success');
		expect(fixture.sim.log.map((entry) => entry.rawQuery)).toEqual(['']);
	});

	it('is not fooled by the text "fromAI" without the $, and leaves other expressions alone', async () => {
		const result = await fixture.run(
			{ ...contacts, options: { domain: "={{ $json.note === 'fromAI' ? $json.d : '' }}" } },
			[{ note: 'fromAI', d: 'sandbox.example' }],
		);
		expect(result.status).toBe('success');
		expect(fixture.sim.log.map((entry) => entry.rawQuery)).toEqual(['__domain=sandbox.example']);
	});
});

describe('the connection, when the model could choose it', () => {
	it('a model-defined connection ID is refused, nothing is sent, and the message says how to opt in', async () => {
		const result = await fixture.runWorkflow(
			agentToolWorkflow(
				chat,
				{
					parameters: {
						...contacts,
						connection: { __rl: true, mode: 'id', value: modelDefined('Connection') },
					},
				},
				[{ Connection: 'conn_salesforce' }],
			),
		);
		const [[answer]] = answers(result);
		expect(answer.error).toContain(
			'Parameter "connection": The connection is filled by the AI model ($fromAI), so the model would choose whose account is called',
		);
		expect(answer.error).toContain('"Let Model Pick Connection"');
		expect(fixture.sim.log).toEqual([]);
	});

	it('a model-defined external xref is refused before the lookup', async () => {
		const result = await fixture.runWorkflow(
			agentToolWorkflow(
				chat,
				{ parameters: { ...contacts, connection: byXref("={{ $fromAI('customer') }}") } },
				[{ customer: 'customer-99' }],
			),
		);
		expect(answers(result)[0][0].error).toContain('Parameter "connection"');
		expect(fixture.sim.lookups).toEqual([]);
		expect(fixture.sim.log).toEqual([]);
	});

	it('outside an agent too', async () => {
		const result = await fixture.run(
			{ ...contacts, connection: connectionById("={{ $fromAi('c') }}") },
			[{ c: 'conn_salesforce' }],
		);
		expect(result.error?.message).toContain(
			'Parameter "connection": The connection is filled by the AI model',
		);
		expect(fixture.sim.log).toEqual([]);
	});

	it('with "Let Model Pick Connection" on, the model picks it (a multi-tenant agent)', async () => {
		const result = await fixture.runWorkflow(
			agentToolWorkflow(
				chat,
				{
					parameters: {
						...contacts,
						connection: byXref("={{ $fromAI('customer') }}"),
						options: { allowModelConnection: true, connectionCategory: 'crm' },
					},
				},
				[{ customer: 'customer-42' }],
			),
		);
		expect(answers(result)[0][0].results).toHaveLength(3);
		expect(fixture.sim.log.map((entry) => entry.connectionId)).toEqual(['conn_hubspot']);
	});

	it.each([["={{ $fromAI('allow', '', 'boolean') }}"], ['true']])(
		'the opt-in cannot itself come from an expression or text (%s)',
		async (allowModelConnection) => {
			const result = await fixture.runWorkflow(
				agentToolWorkflow(
					chat,
					{
						parameters: {
							...contacts,
							connection: connectionById("={{ $fromAI('c') }}"),
							options: { allowModelConnection },
						},
					},
					[{ c: 'conn_hubspot', allow: true }],
				),
			);
			expect(answers(result)[0][0].error).toContain(
				'Parameter "options.allowModelConnection": Switch it on or off in the editor',
			);
			expect(fixture.sim.log).toEqual([]);
		},
	);
});

describe("the tenant, when the tool's input item carries the model's arguments (n8n 2.x)", () => {
	const agentInput = { chatInput: 'list my contacts', tenantId: 'customer-42' };
	const crm = { connectionCategory: 'crm' };

	it("n8n merges the model's arguments over the agent's input: $json.tenantId is whatever the model sends", async () => {
		// The path is not guarded, so it shows what each expression reads in a tool run.
		const result = await fixture.runWorkflow(
			agentToolWorkflow(
				agentInput,
				{
					parameters: {
						connection: connectionById('conn_acme'),
						method: 'GET',
						path: "=/echo/{{ $json.tenantId }}/{{ $('Chat').item.json.tenantId }}",
					},
				},
				[{ tenantId: 'customer-99' }],
			),
		);
		expect(answers(result)[0][0].path).toBe('echo/customer-99/customer-42');
	});

	it.each([
		'={{ $json.tenantId }}',
		'={{$json["tenantId"]}}',
		'=customer-{{ $json.tenantId.split("-")[1] }}',
		'={{ $input.item.json.tenantId }}',
		'={{ $input.first().json.tenantId }}',
		'={{ $data.tenantId }}',
		'={{ $items()[0].json.tenantId }}',
		'={{ $item(0).$json.tenantId }}',
		'={{ $\\u006Ason.tenantId }}',
	])('a connection reading the tool input (%s) is refused before the lookup', async (value) => {
		const result = await fixture.runWorkflow(
			agentToolWorkflow(
				agentInput,
				{ parameters: { ...contacts, connection: byXref(value), options: crm } },
				[{ tenantId: 'customer-99' }],
			),
		);
		const [[answer]] = answers(result);
		expect(answer.error).toMatch(
			/^Parameter "connection": The connection reads \$\w+, which the AI model's arguments overwrite when the node runs as a tool/,
		);
		expect(answer.error).toContain("$('Webhook').item.json.tenantId");
		expect(fixture.sim.lookups).toEqual([]);
		expect(fixture.sim.log).toEqual([]);
	});

	it("reading the tenant from an earlier node keeps the agent's tenant, whatever the model sends", async () => {
		const result = await fixture.runWorkflow(
			agentToolWorkflow(
				agentInput,
				{
					parameters: {
						...contacts,
						connection: byXref("={{ $('Chat').item.json.tenantId }}"),
						options: crm,
					},
				},
				[{ tenantId: 'customer-99' }, {}],
			),
		);
		expect(answers(result).map((answer) => answer[0].results)).toEqual([
			expect.any(Array),
			expect.any(Array),
		]);
		// One lookup per tool call (each is its own run of the node), both for the agent's tenant.
		expect(fixture.sim.lookups).toEqual([
			expect.stringContaining('external_xref=customer-42'),
			expect.stringContaining('external_xref=customer-42'),
		]);
		expect(fixture.sim.log.map((entry) => entry.connectionId)).toEqual([
			'conn_hubspot',
			'conn_hubspot',
		]);
	});

	it('with "Let Model Pick Connection" on, $json.tenantId is accepted: the model choosing is then the point', async () => {
		const result = await fixture.runWorkflow(
			agentToolWorkflow(
				agentInput,
				{
					parameters: {
						...contacts,
						connection: byXref('={{ $json.tenantId }}'),
						options: { ...crm, allowModelConnection: true },
					},
				},
				[{ tenantId: 'customer-99' }],
			),
		);
		expect(result.status).toBe('success');
		expect(fixture.sim.log.map((entry) => entry.connectionId)).toEqual(['conn_salesforce']);
	});
});
