import { createHmac } from 'node:crypto';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { SIM_WEBHOOK_SECRET, startSimulator, type Simulator } from './index';
import { startWebhookReceiver, type WebhookReceiver } from './webhookReceiver';

// Deliveries of the simulator's virtual webhooks to a loopback receiver: what a change sends, how it is signed,
// retries, the backfill, deletes. Tests wait on the delivery log (`nextDelivery`), never on the clock.
let sim: Simulator;
let receiver: WebhookReceiver;
beforeAll(async () => {
	// A 1-minute webhook checks every 20 ms; retries wait 5, 10, 15, 25 ... ms.
	sim = await startSimulator({ webhookTickMs: 20, webhookRetryUnitMs: 5 });
	receiver = await startWebhookReceiver();
});
afterAll(async () => {
	await sim.close();
	await receiver.close();
});
beforeEach(() => {
	sim.resetStats();
	receiver.received.length = 0;
	receiver.answers.length = 0;
});

async function call(method: string, path: string, body?: unknown) {
	const response = await fetch(`${sim.baseUrl}${path}`, {
		method,
		headers: { authorization: `Bearer ${sim.apiKey}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await response.text();
	return {
		status: response.status,
		body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
	};
}

async function subscribe(fields: Record<string, unknown>, query = ''): Promise<string> {
	const created = await call('POST', `/unified/webhook${query}`, {
		hook_url: receiver.url,
		connection_id: 'conn_hubspot',
		object_type: 'crm_contact',
		event: 'updated',
		...fields,
	});
	expect(created.status).toBe(200);
	return created.body.id as string;
}

/** Waits until `webhookId` has `count` attempts in the log. */
async function attempts(webhookId: string, count: number) {
	const mine = () => sim.deliveries.filter((attempt) => attempt.webhookId === webhookId);
	while (mine().length < count) await sim.nextDelivery({ webhookId, after: sim.deliveries.length });
	return mine();
}

const expectedSig = (data: unknown, nonce: string) =>
	createHmac('sha1', SIM_WEBHOOK_SECRET)
		.update(JSON.stringify(data) + nonce)
		.digest('base64');

describe('webhook deliveries', () => {
	it('sends a change once, signed HMAC-SHA1(secret, JSON data + nonce) in base64', async () => {
		const id = await subscribe({});
		await call('PATCH', '/_sim/records/hubspot-contact/103', { fields: { firstname: 'Ada' } });
		await attempts(id, 1);
		const [first] = receiver.received;
		expect(first.headers['content-type']).toBe('application/json');
		expect(first.body).toMatchObject({
			type: 'VIRTUAL',
			nonce: expect.any(String),
			webhook: { id, event: 'updated', object_type: 'crm_contact', is_healthy: true },
			data: [
				{
					id: '103',
					name: 'Ada Contact103',
					emails: [{ email: 'chen.103@example.com', type: 'WORK' }],
					created_at: '2026-01-01T00:02:00.000Z',
					updated_at: expect.any(String),
					raw: {
						id: '103',
						properties: { firstname: 'Ada', lastname: 'Contact103', hs_object_id: '103' },
						archived: false,
					},
				},
			],
		});
		const { data, nonce, sig } = first.body!;
		expect(sig).toBe(expectedSig(data, nonce));
		expect(sig).not.toBe(expectedSig(data, `${nonce}x`));
		// A second change is the second delivery: the first was not sent again in between.
		await call('PATCH', '/_sim/records/hubspot-contact/104', { fields: { firstname: 'Grace' } });
		await attempts(id, 2);
		expect(receiver.received.map((delivery) => delivery.body!.data.map((r) => r.id))).toEqual([
			['103'],
			['104'],
		]);
		expect(
			sim.deliveries.map(({ attempt, status, origin }) => ({ attempt, status, origin })),
		).toEqual([
			{ attempt: 1, status: 200, origin: 'check' },
			{ attempt: 1, status: 200, origin: 'check' },
		]);
	});

	it('sends created, updated and deleted records to the webhooks of those events', async () => {
		const created = await subscribe({ event: 'created' });
		const updated = await subscribe({ event: 'updated' });
		const deleted = await subscribe({ event: 'deleted' });
		const added = await call('POST', '/_sim/records/hubspot-contact', {
			fields: { firstname: 'New', email: 'new@example.com' },
		});
		const newId = added.body.id as string;
		await call('PATCH', '/_sim/records/hubspot-contact/105', { fields: { lastname: 'Changed' } });
		expect(await call('DELETE', '/_sim/records/hubspot-contact/106')).toMatchObject({
			status: 200,
			body: { id: '106', collection: 'hubspot:contacts' },
		});
		expect(await call('DELETE', '/_sim/records/hubspot-contact/106')).toMatchObject({
			status: 404,
			body: { message: 'no hubspot-contact "106" in hubspot:contacts' },
		});
		const [toCreated] = await attempts(created, 1);
		const [toUpdated] = await attempts(updated, 1);
		const [toDeleted] = await attempts(deleted, 1);
		expect([toCreated.recordIds, toUpdated.recordIds, toDeleted.recordIds]).toEqual([
			[newId],
			['105'],
			['106'],
		]);
		const body = (webhookId: string) =>
			receiver.received.find((delivery) => delivery.body!.webhook.id === webhookId)!.body!;
		expect(body(deleted).data[0]).toMatchObject({
			id: '106',
			raw: { id: '106', properties: { lastname: 'Contact106' } },
		});
		expect(body(created).data[0]).toMatchObject({ id: newId, name: 'New' });
	});

	it('maps a Salesforce account and a Slack message, and leaves the seeded Salesforce accounts alone', async () => {
		const accounts = await subscribe({
			connection_id: 'conn_salesforce',
			object_type: 'crm_company',
			event: 'created',
		});
		const messages = await subscribe({
			connection_id: 'conn_slack',
			object_type: 'messaging_message',
			event: 'created',
		});
		expect((await call('PUT', `/unified/webhook/${accounts}/trigger`)).status).toBe(200);
		// Watching an Account collection nobody wrote to must not create it (SOQL would then read an empty feed).
		expect(sim.feed.has('salesforce:Account')).toBe(false);
		await call('POST', '/_sim/records/salesforce-account', { fields: { Name: 'Acme Corp' } });
		await call('POST', '/_sim/records/slack-message', {
			channel: 'C0FEED001',
			fields: { text: 'hello' },
		});
		await attempts(accounts, 1);
		await attempts(messages, 1);
		const bodies = receiver.received.map((delivery) => delivery.body!);
		expect(bodies.find((body) => body.webhook.id === accounts)!.data).toEqual([
			expect.objectContaining({
				name: 'Acme Corp',
				raw: expect.objectContaining({ attributes: expect.objectContaining({ type: 'Account' }) }),
			}),
		]);
		expect(bodies.find((body) => body.webhook.id === messages)!.data).toEqual([
			expect.objectContaining({
				channel_id: 'C0FEED001',
				message: 'hello',
				raw: expect.objectContaining({ type: 'message', text: 'hello' }),
			}),
		]);
	});

	it('retries a delivery answered 500 with the same body and nonce, then stops at the first 2xx', async () => {
		receiver.answers.push(500, 500);
		const id = await subscribe({});
		await call('PATCH', '/_sim/records/hubspot-contact/107', { fields: { firstname: 'Retry' } });
		const log = await attempts(id, 3);
		const nonce = log[0].nonce;
		expect(log.map(({ attempt, status, nonce: sent }) => [attempt, status, sent])).toEqual([
			[1, 500, nonce],
			[2, 500, nonce],
			[3, 200, nonce],
		]);
		expect(new Set(receiver.received.map((delivery) => delivery.text)).size).toBe(1);
		expect(receiver.received).toHaveLength(3);
		expect(sim.webhooks[0].is_healthy).toBe(true);
	});

	it('sends the existing records first when asked (include_all): INITIAL-PARTIAL pages, INITIAL-COMPLETE last', async () => {
		const id = await subscribe({ event: 'created', page_max_limit: 100 }, '?include_all=true');
		const log = await attempts(id, 3);
		expect(log.map(({ type, recordIds }) => [type, recordIds.length])).toEqual([
			['INITIAL-PARTIAL', 100],
			['INITIAL-PARTIAL', 100],
			['INITIAL-COMPLETE', 50],
		]);
		const ids = log.flatMap((attempt) => attempt.recordIds);
		expect(ids).toEqual(Array.from({ length: 250 }, (_, index) => String(101 + index)));
		for (const { body } of receiver.received)
			expect(body!.sig).toBe(expectedSig(body!.data, body!.nonce));
	});

	it('a backfill of nothing is one empty INITIAL-COMPLETE', async () => {
		const id = await subscribe(
			{ connection_id: 'conn_salesforce', object_type: 'crm_company', event: 'created' },
			'?include_all=true',
		);
		const [only] = await attempts(id, 1);
		expect(only).toMatchObject({ type: 'INITIAL-COMPLETE', recordIds: [], status: 200 });
	});

	it('delivers nothing more once the webhook is deleted', async () => {
		const removed = await subscribe({});
		const kept = await subscribe({});
		expect((await call('DELETE', `/unified/webhook/${removed}`)).status).toBe(200);
		await call('PATCH', '/_sim/records/hubspot-contact/108', { fields: { firstname: 'One' } });
		await attempts(kept, 1);
		await call('PATCH', '/_sim/records/hubspot-contact/109', { fields: { firstname: 'Two' } });
		// Two checks of `kept` after the first change: a full interval, so `removed` would have checked too.
		await attempts(kept, 2);
		expect(sim.deliveries.map((attempt) => attempt.webhookId)).toEqual([kept, kept]);
		expect(receiver.received).toHaveLength(2);
	});
});

describe('webhook delivery control', () => {
	it('redelivers the last delivery byte for byte, and sends a given body as is', async () => {
		const id = await subscribe({});
		await call('PATCH', '/_sim/records/hubspot-contact/110', { fields: { firstname: 'Again' } });
		await attempts(id, 1);
		const redelivered = await call('POST', `/_sim/webhooks/${id}/redeliver`);
		expect(redelivered).toMatchObject({
			status: 200,
			body: { delivery: { webhookId: id, origin: 'redeliver', status: 200, recordIds: ['110'] } },
		});
		expect(receiver.received[1].text).toBe(receiver.received[0].text);
		const forged = '{"data":[{"id":"x1"}],"nonce":"n-1","sig":"bad","type":"VIRTUAL"}';
		expect(await call('POST', `/_sim/webhooks/${id}/send`, forged)).toMatchObject({
			status: 200,
			body: {
				delivery: { nonce: 'n-1', type: 'VIRTUAL', recordIds: ['x1'], origin: 'send', status: 200 },
			},
		});
		expect(receiver.received[2].text).toBe(forged);
		const garbage = await sim.sendToWebhook(id, 'not json');
		expect(garbage).toMatchObject({ nonce: '', type: '', recordIds: [], status: 200 });
		expect(receiver.received[3].text).toBe('not json');
	});

	it('answers 404 for an unknown webhook and 409 before anything was delivered', async () => {
		const id = await subscribe({});
		expect(await call('POST', `/_sim/webhooks/${id}/redeliver`)).toMatchObject({
			status: 409,
			body: { message: `webhook ${id} has not delivered anything yet` },
		});
		for (const path of ['/_sim/webhooks/wh_0/redeliver', '/_sim/webhooks/wh_0/send']) {
			expect(await call('POST', path, '{}')).toMatchObject({
				status: 404,
				body: { message: 'Webhook not found' },
			});
		}
		expect(await call('PATCH', '/_sim/webhooks/wh_0', { is_paused: true })).toMatchObject({
			status: 404,
		});
		expect(await call('PATCH', `/_sim/webhooks/${id}`, { is_healthy: 'no' })).toMatchObject({
			status: 400,
			body: { message: 'is_healthy must be true or false' },
		});
	});

	it('a paused webhook is not checked on its interval; trigger still delivers, saying it is paused', async () => {
		const id = await subscribe({});
		expect(await call('PATCH', `/_sim/webhooks/${id}`, { is_paused: true })).toMatchObject({
			status: 200,
			body: { id, is_paused: true, is_healthy: true },
		});
		await call('PATCH', '/_sim/records/hubspot-contact/111', { fields: { firstname: 'Paused' } });
		expect((await call('PUT', `/unified/webhook/${id}/trigger`)).status).toBe(200);
		const [sent] = await attempts(id, 1);
		expect(sent.recordIds).toEqual(['111']);
		expect(receiver.received[0].body!.webhook).toMatchObject({ id, is_paused: true });
	});

	it('lists webhooks and the delivery log, waiting for the next attempt when asked', async () => {
		const id = await subscribe({});
		expect(await call('GET', '/_sim/webhooks')).toEqual({
			status: 200,
			body: { webhooks: sim.webhooks },
		});
		const waiting = call('GET', `/_sim/webhooks/deliveries?webhook_id=${id}&after=0&wait_ms=5000`);
		await call('PATCH', '/_sim/records/hubspot-contact/112', { fields: { firstname: 'Log' } });
		const { body } = await waiting;
		expect(body).toMatchObject({
			deliveries: [
				{
					webhookId: id,
					nonce: expect.any(String),
					type: 'VIRTUAL',
					recordIds: ['112'],
					attempt: 1,
					origin: 'check',
					status: 200,
					at: expect.any(String),
				},
			],
			next: 1,
		});
		expect(await call('GET', '/_sim/webhooks/deliveries?after=1')).toEqual({
			status: 200,
			body: { deliveries: [], next: 1 },
		});
		expect(await call('GET', '/_sim/webhooks/deliveries?wait_ms=99999')).toMatchObject({
			status: 400,
			body: { message: 'wait_ms must be a whole number from 0 to 30000' },
		});
		expect(await call('GET', '/_sim/webhooks/deliveries?after=-1')).toMatchObject({ status: 400 });
	});
});

describe('webhook failures and timers', () => {
	it('marks a webhook unhealthy when its retries run out, and never contacts a hook_url off this machine', async () => {
		const failing = await startSimulator({
			webhookTickMs: 20,
			webhookRetryUnitMs: 1,
			webhookRetries: 2,
		});
		try {
			const create = async (hook_url: string) => {
				const response = await fetch(`${failing.baseUrl}/unified/webhook`, {
					method: 'POST',
					headers: { authorization: `Bearer ${failing.apiKey}` },
					body: JSON.stringify({
						hook_url,
						connection_id: 'conn_hubspot',
						object_type: 'crm_contact',
						event: 'updated',
					}),
				});
				return ((await response.json()) as { id: string }).id;
			};
			// Port 9 (discard) has no listener here: every attempt is a refused connection.
			const closed = await create('http://127.0.0.1:9/webhook/x');
			const remote = await create('http://127.0.0.1.example.com/webhook/x');
			failing.feed.update('hubspot:contacts', '113', { firstname: 'Down' });
			const closedLog = async () => {
				while (failing.deliveries.filter((a) => a.webhookId === closed).length < 3)
					await failing.nextDelivery({ webhookId: closed, after: failing.deliveries.length });
			};
			await closedLog();
			expect(failing.webhooks.find((webhook) => webhook.id === closed)!.is_healthy).toBe(false);
			const log = failing.deliveries.filter((attempt) => attempt.webhookId === closed);
			expect(
				log.map((attempt) => [attempt.attempt, attempt.status, attempt.error !== undefined]),
			).toEqual([
				[1, undefined, true],
				[2, undefined, true],
				[3, undefined, true],
			]);
			const [refused] = await (async () => {
				while (!failing.deliveries.some((a) => a.webhookId === remote))
					await failing.nextDelivery({ webhookId: remote, after: failing.deliveries.length });
				return failing.deliveries.filter((a) => a.webhookId === remote);
			})();
			expect(refused).toMatchObject({
				attempt: 1,
				error:
					'not sent: the simulator delivers to loopback addresses only, not 127.0.0.1.example.com',
			});
			expect(failing.webhooks.find((webhook) => webhook.id === remote)!.is_healthy).toBe(true);
			// A hook_url set directly on the webhook, around the API's checks, is refused the same way.
			failing.webhooks.find((webhook) => webhook.id === remote)!.hook_url = 'not a url';
			failing.feed.update('hubspot:contacts', '113', { firstname: 'Again' });
			const after = failing.deliveries.length;
			failing.triggerWebhook(remote);
			expect(await failing.nextDelivery({ webhookId: remote, after })).toMatchObject({
				attempt: 1,
				error: 'not sent: "not a url" is not a URL',
			});
		} finally {
			await failing.close();
		}
	});

	it('resetStats and close stop every interval and retry timer', async () => {
		const slow = await startSimulator({ webhookTickMs: 20, webhookRetryUnitMs: 60_000 });
		try {
			for (const hook_url of ['http://127.0.0.1:9/a', 'http://127.0.0.1:9/b']) {
				await fetch(`${slow.baseUrl}/unified/webhook`, {
					method: 'POST',
					headers: { authorization: `Bearer ${slow.apiKey}` },
					body: JSON.stringify({
						hook_url,
						connection_id: 'conn_hubspot',
						object_type: 'crm_contact',
						event: 'updated',
					}),
				});
			}
			slow.feed.update('hubspot:contacts', '114', { firstname: 'Wait' });
			while (slow.deliveries.length < 2) await slow.nextDelivery({ after: slow.deliveries.length });
			// Two intervals, and two deliveries waiting a minute-unit to retry.
			expect(slow.webhookTimers()).toBe(4);
			const pending = slow.nextDelivery({ timeoutMs: 60_000 });
			slow.resetStats();
			await expect(pending).rejects.toThrow('the simulator was reset');
			expect(slow.webhookTimers()).toBe(0);
			expect([slow.webhooks, slow.deliveries]).toEqual([[], []]);
			await fetch(`${slow.baseUrl}/unified/webhook`, {
				method: 'POST',
				headers: { authorization: `Bearer ${slow.apiKey}` },
				body: JSON.stringify({
					hook_url: 'http://127.0.0.1:9/c',
					connection_id: 'conn_hubspot',
					object_type: 'crm_contact',
					event: 'updated',
				}),
			});
			expect(slow.webhookTimers()).toBe(1);
		} finally {
			await slow.close();
		}
		expect(slow.webhookTimers()).toBe(0);
	});
});
