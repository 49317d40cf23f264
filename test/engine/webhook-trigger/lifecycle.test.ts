import type { INodeParameters } from 'n8n-workflow';
import { afterEach, describe, expect, it } from 'vitest';

import { useSimulator } from '../../harness/fixture';
import { startWebhookTrigger, type WebhookHarness } from '../../harness/webhook';
import { connectionById } from '../../harness/workflow';
import { SIM_WEBHOOK_SECRET } from '../../simulator';

// Subscriptions through n8n-core's HookContext against the simulator's webhook API. The interval is an hour of
// simulator time: nothing is delivered unless a test asks.
const fixture = useSimulator({ webhookTickMs: 3_600_000 });
let harness: WebhookHarness | undefined;
afterEach(async () => {
	await harness?.close();
	harness = undefined;
});

const contacts = (
	events: string[] = ['created', 'updated'],
	options: INodeParameters = {},
): INodeParameters => ({
	connection: connectionById('conn_hubspot'),
	objectType: 'crm_contact',
	events,
	options,
});

async function start(parameters = contacts()) {
	harness = await startWebhookTrigger({
		credentials: { ...fixture.credentials, webhookSecret: SIM_WEBHOOK_SECRET },
		parameters,
	});
	return harness;
}

/** Deletes a subscription through Unified's API, as a user (or a connection's deletion) would behind n8n's back. */
async function deleteInUnified(webhookId: string): Promise<void> {
	const response = await fetch(`${fixture.sim.baseUrl}/unified/webhook/${webhookId}`, {
		method: 'DELETE',
		headers: { authorization: `Bearer ${fixture.sim.apiKey}` },
	});
	expect(response.status).toBe(200);
}

const simWebhooks = () =>
	fixture.sim.webhooks.map(({ id, event, hook_url, connection_id, object_type }) => ({
		id,
		event,
		hook_url,
		connection_id,
		object_type,
	}));

describe('Unified.to Trigger subscriptions (checkExists / create / delete)', () => {
	it('activation makes one subscription per event for the production URL, and stores their ids', async () => {
		const trigger = await start();
		await trigger.activate();
		const made = simWebhooks();
		expect(made).toEqual([
			expect.objectContaining({
				event: 'created',
				hook_url: trigger.url,
				connection_id: 'conn_hubspot',
				object_type: 'crm_contact',
			}),
			expect.objectContaining({
				event: 'updated',
				hook_url: trigger.url,
				connection_id: 'conn_hubspot',
				object_type: 'crm_contact',
			}),
		]);
		expect(trigger.staticData).toEqual({
			subscriptions: made.map(({ id, event }) => ({ id, event, hookUrl: trigger.url })),
		});
		expect(await trigger.checkExists()).toBe(true);
	});

	it('deactivation deletes every subscription and clears the static data', async () => {
		const trigger = await start();
		await trigger.activate();
		await trigger.deactivate();
		expect(fixture.sim.webhooks).toEqual([]);
		expect(trigger.staticData).toEqual({});
		// Already gone (a 404) counts as deleted.
		await expect(trigger.delete()).resolves.toBe(true);
	});

	it('one subscription deleted in Unified.to: checkExists answers false and create leaves exactly one per event', async () => {
		const trigger = await start();
		await trigger.activate();
		await deleteInUnified(fixture.sim.webhooks[0].id);
		await trigger.restart({ publicationService: false });
		expect(
			simWebhooks()
				.map((webhook) => webhook.event)
				.sort(),
		).toEqual(['created', 'updated']);
		expect(new Set(fixture.sim.webhooks.map((webhook) => webhook.hook_url))).toEqual(
			new Set([trigger.url]),
		);
		expect(await trigger.checkExists()).toBe(true);
	});

	it('a subscription pointed elsewhere, or for another object, is made again', async () => {
		const trigger = await start();
		await trigger.activate();
		fixture.sim.webhooks[1].hook_url = 'https://elsewhere.example/hook';
		expect(await trigger.checkExists()).toBe(false);
		await trigger.create();
		// The one pointed elsewhere was the node's (its id was stored): removed, not left beside the new one.
		expect(simWebhooks().filter((webhook) => webhook.hook_url === trigger.url)).toHaveLength(2);
		expect(fixture.sim.webhooks).toHaveLength(2);
	});

	it('restart with the publication service (n8n 2.41.1) leaves the subscriptions alone; without it they are checked, not duplicated', async () => {
		const trigger = await start();
		await trigger.activate();
		const before = simWebhooks();
		await trigger.restart({ publicationService: true });
		await trigger.restart({ publicationService: false });
		expect(simWebhooks()).toEqual(before);
	});

	it('create never leaves two: a subscription for this URL the static data lost is removed first', async () => {
		const trigger = await start();
		await trigger.activate();
		// n8n lost the static data (a re-imported workflow), the subscriptions stay in Unified.to.
		await trigger.restart({ publicationService: false });
		trigger.setParameters(contacts(['updated']));
		expect(await trigger.checkExists()).toBe(false);
		await trigger.create();
		expect(simWebhooks().map((webhook) => webhook.event)).toEqual(['updated']);
	});

	it('an object the integration does not support: a clear error naming it, and nothing left behind', async () => {
		const trigger = await start({ ...contacts(), objectType: 'crm_deal' });
		const error = await trigger.activate().catch((caught: Error) => caught);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toMatch(
			/did not create the crm_deal "created" webhook on connection conn_hubspot/,
		);
		expect((error as Error).message).toMatch(/may not support crm_deal created webhooks/);
		expect((error as Error).message).not.toContain(fixture.sim.apiKey);
		expect((error as Error).message).not.toContain(SIM_WEBHOOK_SECRET);
		expect(fixture.sim.webhooks).toEqual([]);
		expect(trigger.staticData).toEqual({});
	});

	it('bad parameters fail naming the parameter before anything is sent', async () => {
		const trigger = await start({ ...contacts(), events: [] as string[] });
		const before = fixture.sim.received.length;
		await expect(trigger.activate()).rejects.toThrow(/Parameter "events"/);
		trigger.setParameters({ ...contacts(), options: { interval: 0 } });
		await expect(trigger.create()).rejects.toThrow(/Parameter "options.interval"/);
		trigger.setParameters({ ...contacts(), connection: connectionById('../unified/connection') });
		await expect(trigger.create()).rejects.toThrow(/Parameter "connection"/);
		expect(fixture.sim.received.slice(before)).toEqual([]);
	});

	it('sends interval, fields and filters, and include_all only when asked', async () => {
		const trigger = await start(
			contacts(['created'], {
				interval: 5,
				fields: 'id, name',
				filters: { filter: [{ name: 'company_id', value: '42' }] },
				includeExisting: true,
			}),
		);
		await trigger.activate();
		expect(fixture.sim.webhooks[0]).toMatchObject({
			interval: 5,
			fields: 'id,name',
			filters: { company_id: '42' },
		});
		expect(fixture.sim.received.filter((line) => line.startsWith('POST /unified/webhook'))).toEqual(
			['POST /unified/webhook?include_all=true'],
		);
	});

	it('a subscription made again (lost in Unified.to, found at a restart) does not ask for the backfill again', async () => {
		const trigger = await start(contacts(['created'], { includeExisting: true }));
		await trigger.activate();
		await deleteInUnified(fixture.sim.webhooks[0].id);
		await trigger.restart({ publicationService: false });
		expect(fixture.sim.webhooks).toHaveLength(1);
		expect(fixture.sim.received.filter((line) => line.startsWith('POST /unified/webhook'))).toEqual(
			['POST /unified/webhook?include_all=true', 'POST /unified/webhook'],
		);
		// Deactivated and activated again: a new activation, so the backfill again.
		await trigger.deactivate();
		await trigger.activate();
		expect(
			fixture.sim.received.filter((line) => line.startsWith('POST /unified/webhook')).at(-1),
		).toBe('POST /unified/webhook?include_all=true');
	});

	it("with Unified.to's own regions, a webhook URL only this machine knows fails activation naming WEBHOOK_URL, before anything is sent", async () => {
		// A fixed region sends to Unified.to itself (unreachable from here): the error below is the node's own.
		for (const region of ['us', 'eu', 'au'] as const) {
			harness = await startWebhookTrigger({
				credentials: { ...fixture.credentials, region },
				parameters: contacts(),
			});
			await expect(harness.activate()).rejects.toThrow(
				/Unified\.to cannot reach this trigger's webhook URL http:\/\/127\.0\.0\.1:\d+\/webhook\/.*127\.0\.0\.1 is a loopback or private address/,
			);
			await harness.close();
			harness = undefined;
		}
		// The simulator at a custom base URL may sit anywhere: the same URL is fine there.
		const trigger = await start();
		await trigger.activate();
		expect(fixture.sim.webhooks).toHaveLength(2);
	});

	it('a subscription Unified.to reports unhealthy or paused is made again when n8n checks it', async () => {
		const trigger = await start(contacts(['created']));
		await trigger.activate();
		const [first] = fixture.sim.webhooks;
		fixture.sim.setWebhookState(first.id, { is_healthy: false });
		expect(await trigger.checkExists()).toBe(false);
		await trigger.restart({ publicationService: false });
		expect(fixture.sim.webhooks).toHaveLength(1);
		const [second] = fixture.sim.webhooks;
		expect(second.id).not.toBe(first.id);
		expect(second.is_healthy).toBe(true);
		fixture.sim.setWebhookState(second.id, { is_paused: true });
		expect(await trigger.checkExists()).toBe(false);
	});
});
