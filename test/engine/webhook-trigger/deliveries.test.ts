import type { INodeParameters } from 'n8n-workflow';
import { afterEach, describe, expect, it } from 'vitest';

import { useSimulator } from '../../harness/fixture';
import { DOWNSTREAM_NAME, startWebhookTrigger, type WebhookHarness } from '../../harness/webhook';
import { connectionById } from '../../harness/workflow';
import { SIM_WEBHOOK_SECRET, webhookSignature } from '../../simulator';

// Deliveries from the simulator's webhooks (checked on demand: `triggerWebhook`) to the trigger served on
// loopback, through n8n-core's WebhookContext, each returned workflowData run by WorkflowExecute.
const fixture = useSimulator({ webhookTickMs: 3_600_000 });
let harness: WebhookHarness | undefined;
afterEach(async () => {
	await harness?.close();
	harness = undefined;
});

const contacts = (options: INodeParameters = {}, events = ['created']): INodeParameters => ({
	connection: connectionById('conn_hubspot'),
	objectType: 'crm_contact',
	events,
	options,
});

async function activated(
	parameters = contacts(),
	webhookSecret: string | undefined = SIM_WEBHOOK_SECRET,
) {
	harness = await startWebhookTrigger({
		credentials: { ...fixture.credentials, webhookSecret },
		parameters,
	});
	await harness.activate();
	return { trigger: harness, webhookId: fixture.sim.webhooks[0].id };
}

/** Checks the webhook now and waits for its first delivery attempt's answer. */
async function deliverNow(webhookId: string) {
	const after = fixture.sim.deliveries.length;
	fixture.sim.triggerWebhook(webhookId);
	return await fixture.sim.nextDelivery({ webhookId, after });
}

const everything = (trigger: WebhookHarness) =>
	JSON.stringify(trigger.executions.map((execution) => execution.run));

describe('Unified.to Trigger deliveries', () => {
	it('a change in the simulator runs the workflow exactly once, with one item per record', async () => {
		const { trigger, webhookId } = await activated();
		const added = fixture.sim.feed.add('hubspot:contacts', {
			firstname: 'Ada',
			email: 'ada@example.com',
		});
		const attempt = await deliverNow(webhookId);
		expect(attempt.status).toBe(200);
		const [execution] = await trigger.waitForExecutions(1);
		await trigger.idle();
		expect(trigger.executions).toHaveLength(1);
		expect(execution.status).toBe('success');
		expect(execution.items.map((item) => item.json)).toEqual([
			{
				record: expect.objectContaining({ id: added.id, raw: expect.any(Object) }),
				event: 'created',
				objectType: 'crm_contact',
				connectionId: 'conn_hubspot',
				webhookId,
				deliveryType: 'VIRTUAL',
				backfill: false,
			},
		]);
		expect(execution.output(DOWNSTREAM_NAME)).toHaveLength(1);
		expect(everything(trigger)).not.toContain(fixture.sim.apiKey);
		expect(everything(trigger)).not.toContain(SIM_WEBHOOK_SECRET);
	});

	it('a redelivery (same nonce and signature) is answered and runs nothing', async () => {
		const { trigger, webhookId } = await activated();
		fixture.sim.feed.add('hubspot:contacts', { firstname: 'Bob' });
		await deliverNow(webhookId);
		await trigger.waitForExecutions(1);
		const again = await fixture.sim.redeliver(webhookId);
		expect(again.status).toBe(200);
		await trigger.idle();
		expect(trigger.executions).toHaveLength(1);
		expect(trigger.answers.at(-1)).toEqual({
			status: 200,
			body: { duplicate: true },
			started: false,
		});
	});

	it('a bad signature is refused with 401 and runs nothing; so is a missing one', async () => {
		const { trigger, webhookId } = await activated();
		const data = [{ id: 'forged', name: 'Mallory' }];
		const webhook = fixture.sim.webhooks[0];
		const forged = { data, webhook, nonce: 'n-forged', type: 'VIRTUAL' };
		const wrong = await fixture.sim.sendToWebhook(webhookId, {
			...forged,
			sig: webhookSignature('not-the-secret', data, 'n-forged'),
		});
		expect(wrong.status).toBe(401);
		const tampered = await fixture.sim.sendToWebhook(webhookId, {
			...forged,
			data: [{ id: 'forged', name: 'Mallory!' }],
			sig: webhookSignature(SIM_WEBHOOK_SECRET, data, 'n-forged'),
		});
		expect(tampered.status).toBe(401);
		const missing = await fixture.sim.sendToWebhook(webhookId, forged);
		expect(missing.status).toBe(401);
		await trigger.idle();
		expect(trigger.executions).toEqual([]);
		// The true signature of the same body passes: the refusals were the signature's.
		const signed = await fixture.sim.sendToWebhook(webhookId, {
			...forged,
			sig: webhookSignature(SIM_WEBHOOK_SECRET, data, 'n-forged'),
		});
		expect(signed.status).toBe(200);
		await trigger.waitForExecutions(1);
	});

	it('a body that is not a delivery is answered 400, and one for another webhook 200, neither runs', async () => {
		const { trigger } = await activated();
		expect((await trigger.post({ hello: 'world' })).status).toBe(400);
		expect((await trigger.post('not json')).status).toBe(400);
		const data = [{ id: 'x' }];
		const other = await trigger.post({
			data,
			webhook: { id: 'wh_someone_else' },
			nonce: 'n1',
			sig: webhookSignature(SIM_WEBHOOK_SECRET, data, 'n1'),
			type: 'VIRTUAL',
		});
		expect(other).toEqual({ status: 200, body: { ignored: true }, started: false });
		await trigger.idle();
		expect(trigger.executions).toEqual([]);
	});

	it('output raw gives the upstream record', async () => {
		const { trigger, webhookId } = await activated(contacts({ output: 'raw' }));
		const added = fixture.sim.feed.add('hubspot:contacts', { firstname: 'Cy' });
		await deliverNow(webhookId);
		const [execution] = await trigger.waitForExecutions(1);
		const { record } = execution.items[0].json as { record: Record<string, unknown> };
		expect(record).not.toHaveProperty('raw');
		expect(record).toMatchObject({
			id: added.id,
			properties: expect.objectContaining({ firstname: 'Cy' }),
		});
	});

	it('the backfill arrives as ordinary executions marked backfill', async () => {
		const { trigger, webhookId } = await activated(contacts({ includeExisting: true }));
		await deliverNow(webhookId);
		await trigger.waitForExecutions(1);
		// Every page of the backfill, then settle.
		while (!fixture.sim.deliveries.some((attempt) => attempt.type === 'INITIAL-COMPLETE'))
			await fixture.sim.nextDelivery({ webhookId });
		await trigger.idle();
		const items = trigger.executions.flatMap((execution) =>
			execution.items.map((item) => item.json),
		);
		expect(items.length).toBeGreaterThan(0);
		expect(items.every((json) => json.backfill === true)).toBe(true);
		expect(new Set(items.map((json) => json.deliveryType))).toContain('INITIAL-COMPLETE');
	});

	it('a paused webhook still delivering: every item says so', async () => {
		const { trigger, webhookId } = await activated();
		fixture.sim.setWebhookState(webhookId, { is_paused: true });
		fixture.sim.feed.add('hubspot:contacts', { firstname: 'Di' });
		await deliverNow(webhookId);
		const [execution] = await trigger.waitForExecutions(1);
		expect(execution.items[0].json.warning).toMatch(/paused/);
	});

	it('without a Webhook Secret, an unsigned delivery runs (the editor notice says so)', async () => {
		const { trigger, webhookId } = await activated(contacts(), '');
		const data = [{ id: 'unsigned' }];
		const answer = await fixture.sim.sendToWebhook(webhookId, {
			data,
			webhook: fixture.sim.webhooks[0],
			nonce: 'n-unsigned',
			type: 'VIRTUAL',
		});
		expect(answer.status).toBe(200);
		await trigger.waitForExecutions(1);
	});
});
