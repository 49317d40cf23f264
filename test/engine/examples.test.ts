import type { INode } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { NODE_TYPE } from '../harness/engine';
import {
	exampleFiles,
	loadExample as load,
	polledRun,
	pollingTrigger,
	toolCallsWorkflow,
} from '../harness/examples';
import { useSimulator } from '../harness/fixture';
import { createPoller } from '../harness/poll';
import { DOWNSTREAM_NAME, startWebhookTrigger, WEBHOOK_TRIGGER_TYPE } from '../harness/webhook';

const fixture = useSimulator();

const covered = new Set<string>();
function example(file: string, test: () => Promise<void>) {
	covered.add(file);
	it(file, test);
}

describe('examples/', () => {
	it('every example uses the package\'s node types and the "Unified.to account" credential', () => {
		for (const file of exampleFiles()) {
			const workflow = load(file);
			const ours = workflow.nodes.filter((node: INode) => node.type.startsWith(NODE_TYPE));
			expect(ours.length, file).toBeGreaterThan(0);
			for (const node of ours) {
				expect(node.typeVersion, `${file}: ${node.name}`).toBe(1);
				expect(node.credentials, `${file}: ${node.name}`).toEqual({
					unifiedApi: { id: '1', name: 'Unified.to account' },
				});
			}
		}
	});

	example('hubspot-slack-digest.json', async () => {
		const result = await fixture.runWorkflow(load('hubspot-slack-digest.json'));
		expect(result.status).toBe('success');
		const posts = fixture.sim.log.filter((entry) => entry.path === 'chat.postMessage');
		expect(posts).toHaveLength(1);
		const [posted] = result.output('Slack: post digest')!;
		expect(posted.json.ok).toBe(true);
		const text = String((posted.json.message as { text: string }).text);
		// 10 contacts per page, 3 pages (maxPages 3).
		const count = Number(/HubSpot digest: (\d+) contacts/.exec(text)?.[1]);
		expect(count).toBe(30);
		expect(text.split('\n')).toHaveLength(count + 1);
		expect(text).toContain('• Ann Contact101 <ann.101@example.com>');
	});

	example('hubspot-contacts-to-salesforce-sync.json', async () => {
		const workflow = load('hubspot-contacts-to-salesforce-sync.json');
		const trigger = pollingTrigger(workflow)!;
		const poller = await createPoller({
			credentials: fixture.credentials,
			parameters: trigger.parameters,
		});
		expect((await poller.poll()).items).toBeNull();
		const now = Date.now();
		fixture.sim.feed.update('hubspot:contacts', '101', { firstname: 'Ann-Marie' }, { at: now - 2 });
		fixture.sim.feed.update('hubspot:contacts', '102', { lastname: 'Builder' }, { at: now - 1 });
		const polled = await poller.poll();
		expect(polled.items).toHaveLength(2);
		const result = await fixture.runWorkflow(polledRun(workflow, polled.items!));
		expect(result.status).toBe('success');
		const upserted = result.output('Salesforce: upsert account')!;
		expect(upserted.map((item) => item.json)).toEqual([
			{ id: expect.stringMatching(/^001FEED/), success: true, errors: [], created: true },
			{ id: expect.stringMatching(/^001FEED/), success: true, errors: [], created: true },
		]);
		expect(fixture.passthroughCalls().filter((call) => call.startsWith('PATCH'))).toEqual([
			'PATCH conn_salesforce/services/data/v62.0/sobjects/Account/HubSpot_Contact_Id__c/101',
			'PATCH conn_salesforce/services/data/v62.0/sobjects/Account/HubSpot_Contact_Id__c/102',
		]);
		expect(fixture.sim.feed.list('salesforce:Account').map((record) => record.fields)).toEqual([
			{
				Name: 'Ann-Marie Contact101',
				Description: 'ann.101@example.com',
				HubSpot_Contact_Id__c: '101',
			},
			{ Name: 'Bob Builder', Description: 'bob.102@example.com', HubSpot_Contact_Id__c: '102' },
		]);
	});

	example('salesforce-account-from-form.json', async () => {
		const result = await fixture.runWorkflow(load('salesforce-account-from-form.json'));
		expect(result.status).toBe('success');
		const created = result.output('Salesforce: create account')!;
		expect(created).toHaveLength(2);
		for (const [index, item] of created.entries()) {
			expect(item.json).toMatchObject({ success: true, errors: [] });
			expect(String(item.json.id)).toMatch(/^001NEW/);
			expect(item.pairedItem).toEqual({ item: index });
		}
		expect(fixture.passthroughCalls()).toEqual(
			Array(2).fill('POST conn_salesforce/services/data/v62.0/sobjects/Account/'),
		);
	});

	example('hubspot-properties-batch-read.json', async () => {
		const result = await fixture.runWorkflow(load('hubspot-properties-batch-read.json'));
		expect(result.status).toBe('success');
		const [batch] = result.output('HubSpot: batch read properties')!;
		expect(batch.json.status).toBe('COMPLETE');
		expect(
			(batch.json.results as Array<{ name: string }>).map((property) => property.name),
		).toEqual(['email', 'firstname', 'hs_lead_status']);
		expect(fixture.passthroughCalls()).toEqual([
			'POST conn_hubspot/crm/v3/properties/contacts/batch/read',
		]);
	});

	example('file-move-between-connections.json', async () => {
		const result = await fixture.runWorkflow(load('file-move-between-connections.json'));
		expect(result.status).toBe('success');
		const [downloaded] = result.output('Download from source')!;
		expect(downloaded.binary?.file?.fileName).toBe('q3-report.pdf');
		const [uploaded] = result.output('Upload to destination')!;
		expect(JSON.stringify(uploaded.json)).toContain('250000');
		expect(fixture.passthroughCalls()).toEqual([
			'GET conn_acme/files/download/q3-report.pdf?size=250000&type=application%2Fpdf',
			'POST conn_acme/files/upload',
		]);
	});

	example('ai-agent-tool.json', async () => {
		// No model runs in the tests: the agent, chat trigger and model nodes are n8n's own. What can run is
		// the tool node itself, as n8n 2.x's engine runs it when the agent calls it: its $fromAI() arguments
		// arrive in the input item. Here they are the arguments a model would send.
		const workflow = load('ai-agent-tool.json');
		const calls = [
			{ method: 'GET', path: '/crm/v3/objects/contacts', query: '{"limit": 5}', body: '{}' },
			{ method: 'GET', path: '/crm/v3/objects/deals', query: '{}', body: '{}' },
			// Only the path: method, query and body have defaults, so a model may leave them out.
			{ path: '/crm/v3/objects/contacts' },
		];
		const { tool, workflow: toolCalls } = toolCallsWorkflow(workflow, calls);
		expect(workflow.connections[tool.name].ai_tool[0]![0].node).toBe('AI Agent');
		const result = await fixture.runWorkflow(toolCalls);
		expect(result.status).toBe('success');
		const output = result.output(tool.name)!;
		// The first call: the external xref narrowed to the CRM connection, trimmed to id + properties.
		const contacts = output.filter((item) => JSON.stringify(item.pairedItem) === '{"item":0}');
		expect(contacts).toHaveLength(5);
		expect(Object.keys(contacts[0].json).sort()).toEqual(['id', 'properties']);
		// The second call is wrong (the simulator has no deals): the agent gets HubSpot's error to correct itself.
		const [error] = output.filter((item) => JSON.stringify(item.pairedItem) === '{"item":1}');
		expect(error.json.statusCode).toBe(404);
		expect(error.json.body).toMatchObject({ status: 'error', category: 'OBJECT_NOT_FOUND' });
		const defaults = output.filter((item) => JSON.stringify(item.pairedItem) === '{"item":2}');
		expect(defaults.length).toBeGreaterThan(0);
		expect(Object.keys(defaults[0].json).sort()).toEqual(['id', 'properties']);
		expect(fixture.passthroughCalls()).toEqual([
			'GET conn_hubspot/crm/v3/objects/contacts?limit=5',
			'GET conn_hubspot/crm/v3/objects/deals',
			'GET conn_hubspot/crm/v3/objects/contacts',
		]);
	});

	example('hubspot-contacts-batch-upsert.json', async () => {
		const result = await fixture.runWorkflow(load('hubspot-contacts-batch-upsert.json'));
		expect(result.status).toBe('success');
		const output = result.output('HubSpot: upsert contacts by email')!;
		// One call for all six rows; each row gets its own contact back, or its own error, in order.
		expect(fixture.passthroughCalls()).toEqual([
			'POST conn_hubspot/crm/v3/objects/contacts/batch/upsert',
		]);
		expect(output.map((item) => item.pairedItem)).toEqual(
			[0, 1, 2, 3, 4, 5].map((item) => ({ item })),
		);
		const emails = output.map(
			(item) => (item.json.properties as { email?: string } | undefined)?.email,
		);
		expect(emails).toEqual([
			'ada@lovelace.example',
			'grace@hopper.example',
			'seeded.101@example.com',
			'alan@turing.example',
			undefined,
			'katherine@johnson.example',
		]);
		expect(output[2].json).toMatchObject({ id: '101', new: false });
		expect(output[0].json).toMatchObject({ new: true });
		expect(output[4].json.error).toContain('Invalid unique value "not-an-email"');
	});

	example('hubspot-contact-updated-to-salesforce.json', async () => {
		const workflow = load('hubspot-contact-updated-to-salesforce.json');
		const trigger = workflow.nodes.find((node: INode) => node.type === WEBHOOK_TRIGGER_TYPE)!;
		const upsert = workflow.nodes.find((node: INode) => node !== trigger)!;
		expect(workflow.connections[trigger.name].main[0]![0].node).toBe(upsert.name);
		const harness = await startWebhookTrigger({
			credentials: { ...fixture.credentials, webhookSecret: fixture.sim.webhookSecret },
			parameters: trigger.parameters,
			passthrough: upsert.parameters,
		});
		try {
			await harness.activate();
			const [webhook] = fixture.sim.webhooks;
			expect(fixture.sim.webhooks).toHaveLength(1);
			expect(webhook).toMatchObject({
				connection_id: 'conn_hubspot',
				object_type: 'crm_contact',
				event: 'updated',
				interval: 1,
				hook_url: harness.url,
			});
			fixture.sim.feed.update('hubspot:contacts', '101', { firstname: 'Ann-Marie' });
			fixture.sim.feed.update('hubspot:contacts', '102', { lastname: 'Builder' });
			fixture.sim.triggerWebhook(webhook.id);
			const [execution] = await harness.waitForExecutions(1);
			await harness.idle();
			expect(execution.status).toBe('success');
			expect(execution.output(DOWNSTREAM_NAME)!.map((item) => item.json)).toEqual([
				{ id: expect.stringMatching(/^001FEED/), success: true, errors: [], created: true },
				{ id: expect.stringMatching(/^001FEED/), success: true, errors: [], created: true },
			]);
			expect(fixture.passthroughCalls()).toEqual([
				'PATCH conn_salesforce/services/data/v62.0/sobjects/Account/HubSpot_Contact_Id__c/101',
				'PATCH conn_salesforce/services/data/v62.0/sobjects/Account/HubSpot_Contact_Id__c/102',
			]);
			expect(fixture.sim.feed.list('salesforce:Account').map((record) => record.fields)).toEqual([
				{
					Name: 'Ann-Marie Contact101',
					Description: 'ann.101@example.com',
					HubSpot_Contact_Id__c: '101',
				},
				{ Name: 'Bob Builder', Description: 'bob.102@example.com', HubSpot_Contact_Id__c: '102' },
			]);
			await harness.deactivate();
			expect(fixture.sim.webhooks).toHaveLength(0);
		} finally {
			await harness.close();
		}
	});

	it('runs every example file', () => {
		expect([...covered].sort()).toEqual(exampleFiles());
	});
});
