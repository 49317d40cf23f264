import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	simulatorProcess,
	type SimulatorDelivery,
	type SimulatorProcess,
	type SimulatorWebhook,
} from '../../bench/support/simulatorProcess';
import { CREDENTIAL, CREDENTIAL_REF, PACKAGE_NAME } from './config';
import { execOrThrow, seconds } from './exec';
import type { N8nCli, WorkflowJson } from './n8n';
import { N8nRest } from './n8nRest';
import type { Runtime } from './runtime';
import { freePort, QueueCluster, Service } from './services';
import { contactRecord, forgedDeliveries, postDelivery, signedDelivery } from './webhookDeliveries';
import { connectionById, passthroughNode } from './workflows';

// The Unified.to Trigger (webhooks, issue 21) in a real `n8n start`. One published workflow: Unified.to Trigger
// (conn_hubspot, crm_contact, events created and updated, interval 1 minute) -> our node, one GET per delivered
// record to a simulator connection that counts its calls by path (`/items/<contact id>-<firstname>`), so every
// record that started an execution is counted there; n8n's own executions are read through its REST API.
//
// - `main`: one n8n process on a SQLite file of its own. Activation subscribes, 5 changes are delivered once each
//   (time from the change to the execution's start), forged signatures get 401 and no execution, a redelivery (same
//   nonce, and the same records under a new nonce) starts none, a change made while n8n is stopped arrives once
//   after the restart (on n8n's publication service, and with N8N_USE_WORKFLOW_PUBLICATION_SERVICE=false, where n8n
//   calls checkExists at start), a subscription deleted while n8n is stopped is made again at such a start, and
//   deactivating deletes the subscriptions.
// - `queue`: PostgreSQL, Redis, the main process (which takes the webhooks) and 2 workers: each delivery runs once.
//
// The simulator runs in its own process here, with one interval minute lasting TICK_MS and its own secret.

export type WebhookMode = 'main' | 'queue';

const WORKFLOW_ID = 'e2eWebhookTrigger1';
const WEBHOOK_ID = 'c3a5e7f9-1b2d-4e6f-8a0c-e2e0000000a1';
const TRIGGER = 'HubSpot contact changed';
const SINK = 'conn_e2e_webhook_sink';
const HUBSPOT = 'conn_hubspot';
const SECRET = 'e2e-webhook-secret-2b7e151628aed2a6';
/** One minute of a webhook's interval, in the simulator: the trigger's interval 1 checks every TICK_MS. */
const TICK_MS = 250;
const RETRY_UNIT_MS = 100;
const WORKERS = 2;
const DELIVERY_WAIT_MS = 60_000;
/** How long to wait for an execution that must not happen. */
const SETTLE_MS = 3_000;

function workflow(): WorkflowJson {
	return {
		id: WORKFLOW_ID,
		name: 'e2e: Unified.to Trigger -> Passthrough',
		nodes: [
			{
				id: 'trigger',
				name: TRIGGER,
				type: `${PACKAGE_NAME}.unifiedTrigger`,
				typeVersion: 1,
				position: [0, 0],
				webhookId: WEBHOOK_ID,
				parameters: {
					connection: connectionById(HUBSPOT),
					objectType: 'crm_contact',
					events: ['created', 'updated'],
					options: { interval: 1 },
				},
				credentials: CREDENTIAL_REF,
			},
			passthroughNode({
				connection: connectionById(SINK),
				method: 'GET',
				path: '=/items/{{ $json.record.id }}-{{ $json.record.raw.properties.firstname }}',
			}),
		],
		connections: {
			[TRIGGER]: { main: [[{ node: 'Passthrough', type: 'main', index: 0 }]] },
		},
		settings: {},
	};
}

async function waitFor(done: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
	const deadline = performance.now() + timeoutMs;
	while (performance.now() < deadline) {
		if (await done()) return true;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	return false;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const spread = (values: number[]) =>
	values.length
		? `min ${Math.min(...values)} ms, median ${median(values)} ms, max ${Math.max(...values)} ms (${values.length})`
		: 'none';

/** What one case checks as it goes: failed checks are kept, each printed once. */
class Checks {
	readonly failures: string[] = [];

	constructor(private readonly log: (line?: string) => void) {}

	that(ok: boolean, what: string): boolean {
		if (!ok) {
			this.failures.push(what);
			this.log(`    FAIL: ${what}`);
		}
		return ok;
	}
}

/** The record keys the workflow has reached (sink calls by `<id>-<firstname>`), and the changes expected there. */
class Tally {
	readonly expected: string[] = [];
	/** Date.now() of each expected change, by key. */
	readonly changedAt = new Map<string, number>();

	constructor(private readonly sim: SimulatorProcess) {}

	async calls(): Promise<Record<string, number>> {
		return (await this.sim.rateLimitCounters(SINK)).callsById;
	}

	async change(id: string | undefined, firstname: string): Promise<string> {
		const changed = await this.sim.changeRecord('hubspot:contacts', {
			id,
			fields: { firstname },
		});
		const key = `${changed.id}-${firstname}`;
		this.expected.push(key);
		this.changedAt.set(key, changed.updatedAt);
		return key;
	}

	expect(key: string): void {
		this.expected.push(key);
	}

	async arrived(key: string, timeoutMs = DELIVERY_WAIT_MS): Promise<boolean> {
		return await waitFor(async () => ((await this.calls())[key] ?? 0) > 0, timeoutMs);
	}

	async summary(): Promise<{ once: number; twice: number; missing: number; unexpected: string[] }> {
		const calls = await this.calls();
		return {
			once: this.expected.filter((key) => calls[key] === 1).length,
			twice: this.expected.filter((key) => (calls[key] ?? 0) > 1).length,
			missing: this.expected.filter((key) => !calls[key]).length,
			unexpected: Object.keys(calls).filter((key) => !this.expected.includes(key)),
		};
	}
}

interface Setup {
	runtime: Runtime;
	n8n: N8nCli;
	sim: SimulatorProcess;
	logDir: string;
	log: (line?: string) => void;
}

async function importAndPublish(
	{ runtime, sim, n8n }: Setup,
	env: NodeJS.ProcessEnv,
	prefix: string,
) {
	const importDir = join(n8n.userFolder, 'import');
	const cli = (args: string[]) => execOrThrow(runtime.node, [runtime.n8nBin, ...args], { env });
	const credentialFile = join(importDir, `${prefix}-credentials.json`);
	const workflowFile = join(importDir, `${prefix}-workflow.json`);
	writeFileSync(
		credentialFile,
		JSON.stringify([
			{
				...CREDENTIAL,
				data: {
					apiKey: sim.apiKey,
					region: 'custom',
					baseUrl: sim.baseUrl,
					webhookSecret: SECRET,
				},
			},
		]),
	);
	writeFileSync(workflowFile, JSON.stringify([workflow()]));
	await cli(['import:credentials', `--input=${credentialFile}`]);
	await cli(['import:workflow', `--input=${workflowFile}`]);
	await cli(['publish:workflow', `--id=${WORKFLOW_ID}`]);
	await sim.rateLimited({ rate: 1e9, burst: 1e9, latencyMs: 0, id: SINK });
}

const ours = (webhooks: SimulatorWebhook[], hookUrl: string) =>
	webhooks.filter((webhook) => webhook.hook_url === hookUrl);
const describeWebhooks = (webhooks: SimulatorWebhook[]) =>
	webhooks.map((webhook) => `${webhook.id} ${webhook.event}`).join(', ') || 'none';

/** Waits until the simulator lists one subscription per event at `hookUrl` for conn_hubspot; returns them. */
async function subscribed(sim: SimulatorProcess, hookUrl: string): Promise<SimulatorWebhook[]> {
	let listed: SimulatorWebhook[] = [];
	await waitFor(async () => {
		listed = ours(await sim.webhooks(HUBSPOT), hookUrl);
		return listed.length >= 2;
	}, 60_000);
	await sleep(500);
	return ours(await sim.webhooks(HUBSPOT), hookUrl);
}

/** "no answer x9, 404 x1, 200 x1": what the attempts got, in order of first appearance. */
function answers(attempts: SimulatorDelivery[]): string {
	const counts = new Map<string, number>();
	for (const attempt of attempts) {
		const answer = attempt.status === undefined ? 'no answer' : String(attempt.status);
		counts.set(answer, (counts.get(answer) ?? 0) + 1);
	}
	return [...counts].map(([answer, count]) => `${answer} x${count}`).join(', ');
}

const sameIds = (a: SimulatorWebhook[], b: SimulatorWebhook[]) =>
	a
		.map((webhook) => webhook.id)
		.sort()
		.join() ===
	b
		.map((webhook) => webhook.id)
		.sort()
		.join();

/** Executions of the workflow that started since `seen` (ids), and their start times. */
async function newExecutions(rest: N8nRest, seen: Set<string>) {
	const all = await rest.executions(WORKFLOW_ID);
	return all.filter((execution) => !seen.has(execution.id));
}

async function runMainCase(setup: Setup): Promise<boolean> {
	const { runtime, n8n, sim, logDir, log } = setup;
	const check = new Checks(log);
	const [port, brokerPort] = await Promise.all([freePort(), freePort()]);
	const hookUrl = `http://127.0.0.1:${port}/webhook/${WEBHOOK_ID}/webhook`;
	const env = (extra: NodeJS.ProcessEnv = {}) =>
		n8n.env({
			DB_SQLITE_DATABASE: 'webhook-e2e.sqlite',
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			WEBHOOK_URL: `http://127.0.0.1:${port}/`,
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
			...extra,
		});
	const services: Service[] = [];
	const killAll = () => services.forEach((service) => service.stop(0));
	process.once('exit', killAll);
	const started = performance.now();
	let starts = 0;
	const startN8n = async (extra: NodeJS.ProcessEnv = {}) => {
		const main = new Service(
			'n8n start',
			runtime.node,
			[runtime.n8nBin, 'start'],
			env(extra),
			join(logDir, `webhook-main-${++starts}.log`),
		);
		services.push(main);
		await main.ready(/Editor is now accessible/);
		return main;
	};
	try {
		await importAndPublish(setup, env(), 'webhook');
		const tally = new Tally(sim);

		// Activation.
		let main = await startN8n();
		const readyAt = performance.now();
		const first = await subscribed(sim, hookUrl);
		check.that(
			first.length === 2 &&
				first
					.map((webhook) => webhook.event)
					.sort()
					.join() === 'created,updated',
			`activation: one subscription per event at ${hookUrl} (listed: ${describeWebhooks(first)})`,
		);
		log(
			`  activation: ${describeWebhooks(first)} at n8n's production URL, listed ${seconds(performance.now() - readyAt)} after n8n said it was ready`,
		);
		const rest = new N8nRest(`http://127.0.0.1:${port}`);
		await rest.signIn();

		// Changes, one at a time: one execution each.
		const seen = new Set<string>();
		const latencies: number[] = [];
		let perChange = true;
		for (const [index, id] of ['101', '102', '103', '101', undefined].entries()) {
			const key = await tally.change(id, `v${index + 1}`);
			check.that(await tally.arrived(key), `change ${key} reached the workflow`);
			await sleep(TICK_MS * 2);
			const fresh = await newExecutions(rest, seen);
			fresh.forEach((execution) => seen.add(execution.id));
			perChange &&= check.that(
				fresh.length === 1,
				`change ${key}: one execution (got ${fresh.length})`,
			);
			if (fresh.length)
				latencies.push(
					new Date(fresh[fresh.length - 1].startedAt).getTime() - tally.changedAt.get(key)!,
				);
		}
		log(
			`  5 changes (4 updates, 1 new contact): ${perChange ? 'one execution each' : 'NOT one execution each'}; change to execution start: ${spread(latencies)} (interval 1 = ${TICK_MS} ms here)`,
		);

		// Forged deliveries: 401, no execution.
		const updated = first.find((webhook) => webhook.event === 'updated') ?? first[0];
		const forged = forgedDeliveries(SECRET, updated, [contactRecord('666', 'forged')]);
		const refused: string[] = [];
		// Sent by the simulator to the webhook's hook_url, as Unified would send a delivery.
		for (const { what, body } of forged) {
			const answer = await sim.sendToWebhook(updated.id, body);
			if (
				check.that(
					answer.status === 401,
					`${what}: HTTP 401 (got ${answer.status ?? answer.error})`,
				)
			)
				refused.push(what);
		}
		await sleep(SETTLE_MS);
		const afterForged = await newExecutions(rest, seen);
		check.that(!afterForged.length, `forged deliveries: no execution (got ${afterForged.length})`);
		log(
			`  forged deliveries: ${refused.length}/${forged.length} answered 401 (${forged.map((entry) => entry.what).join('; ')}), ${afterForged.length} executions`,
		);

		// Redeliveries: the simulator's last delivery again (same nonce and signature), and one of our own twice
		// and then its records under a new nonce.
		const redelivered = await sim.redeliver(updated.id);
		const own = signedDelivery(SECRET, updated, [contactRecord('777', 'replayed')]);
		tally.expect('777-replayed');
		const firstSend = await postDelivery(hookUrl, own);
		check.that(firstSend.status === 200, `a signed delivery: HTTP 200 (got ${firstSend.status})`);
		check.that(await tally.arrived('777-replayed'), 'a signed delivery reached the workflow');
		const again = await postDelivery(hookUrl, own);
		const renonced = await postDelivery(hookUrl, signedDelivery(SECRET, updated, own.data));
		await sleep(SETTLE_MS);
		const afterReplays = await newExecutions(rest, seen);
		afterReplays.forEach((execution) => seen.add(execution.id));
		check.that(
			afterReplays.length === 1,
			`redeliveries: only the first signed delivery ran (executions: ${afterReplays.length})`,
		);
		check.that(
			redelivered.status === 200 && again.status === 200 && renonced.status === 200,
			`redeliveries answered 200 (simulator ${redelivered.status ?? redelivered.error}, same nonce ${again.status}, new nonce ${renonced.status})`,
		);
		log(
			`  redeliveries: the simulator's (same nonce) HTTP ${redelivered.status ?? redelivered.error}, ours again ${again.status} ${again.body.trim()}, same records new nonce ${renonced.status} ${renonced.body.trim()}; ${afterReplays.length - 1} extra executions`,
		);

		// Restarts: a change made while n8n is stopped arrives once; the subscriptions stay as they were.
		const restart = async (
			label: string,
			extra: NodeJS.ProcessEnv,
			contact: string,
			version: string,
		) => {
			await main.stop(15_000);
			const stoppedAt = Date.now();
			const key = await tally.change(contact, version);
			const failedWhileDown = await waitFor(
				async () =>
					(await sim.deliveries()).some(
						(delivery) => Date.parse(delivery.at) >= stoppedAt && delivery.status === undefined,
					),
				10_000,
			);
			main = await startN8n(extra);
			const arrived = await tally.arrived(key);
			const after = ours(await sim.webhooks(HUBSPOT), hookUrl);
			check.that(arrived, `${label}: the change made while n8n was stopped arrived`);
			check.that(
				sameIds(after, first),
				`${label}: the subscriptions are the same two (before: ${describeWebhooks(first)}; after: ${describeWebhooks(after)})`,
			);
			const attempts = (await sim.deliveries()).filter(
				(delivery) => Date.parse(delivery.at) >= stoppedAt,
			);
			const fresh = await newExecutions(rest, seen);
			fresh.forEach((execution) => seen.add(execution.id));
			check.that(fresh.length === 1, `${label}: one execution (got ${fresh.length})`);
			log(
				`  restart (${label}): ${arrived ? 'the change made while stopped arrived' : 'the change made while stopped did NOT arrive'} after ${attempts.length} delivery attempts (${answers(attempts)}${failedWhileDown ? '' : '; none while stopped'}), ${seconds(Date.now() - tally.changedAt.get(key)!)} after the change; ${fresh.length} execution; subscriptions: ${describeWebhooks(after)}`,
			);
		};
		await restart("n8n's publication service", {}, '104', 'down1');
		await rest.signIn();
		await restart(
			'N8N_USE_WORKFLOW_PUBLICATION_SERVICE=false, checkExists at start',
			{ N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false' },
			'105',
			'down2',
		);
		await rest.signIn();

		// A subscription deleted while n8n is stopped: checkExists (publication service off) makes it again.
		await main.stop(15_000);
		const created = first.find((webhook) => webhook.event === 'created')!;
		await sim.deleteWebhook(created.id);
		main = await startN8n({ N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false' });
		const remade = await subscribed(sim, hookUrl);
		check.that(
			remade.length === 2 &&
				remade
					.map((webhook) => webhook.event)
					.sort()
					.join() === 'created,updated',
			`a subscription deleted while stopped: made again at start (listed: ${describeWebhooks(remade)})`,
		);
		const newKey = await tally.change(undefined, 'after-remade');
		check.that(
			await tally.arrived(newKey),
			'a new contact after the subscription was made again arrived',
		);
		await rest.signIn();
		await sleep(TICK_MS * 2);
		(await newExecutions(rest, seen)).forEach((execution) => seen.add(execution.id));
		log(
			`  a subscription deleted while n8n was stopped, restart with checkExists: ${describeWebhooks(remade)}; a new contact then ${(await tally.calls())[newKey] ? 'arrived' : 'did NOT arrive'}`,
		);

		// Deactivation deletes the subscriptions.
		await rest.deactivate(WORKFLOW_ID);
		const gone = await waitFor(
			async () => ours(await sim.webhooks(HUBSPOT), hookUrl).length === 0,
			15_000,
		);
		check.that(gone, 'deactivation deleted the subscriptions');
		log(
			`  deactivation (REST, n8n running): ${gone ? 'subscriptions deleted' : 'subscriptions LEFT'}`,
		);
		await main.stop(15_000);

		const summary = await tally.summary();
		check.that(
			summary.once === tally.expected.length && !summary.unexpected.length,
			`every record reached the workflow once (${summary.once}/${tally.expected.length}; twice ${summary.twice}, missing ${summary.missing}, unexpected ${summary.unexpected.join(', ') || 'none'})`,
		);
		// The simulator's deliveries n8n accepted (a redelivery keeps its nonce), and the one we signed.
		const delivered =
			new Set(
				(await sim.deliveries())
					.filter((delivery) => delivery.status !== undefined && delivery.status < 300)
					.map((delivery) => delivery.nonce),
			).size + 1;
		check.that(
			seen.size === delivered,
			`one execution per delivery (${seen.size} executions, ${delivered} deliveries)`,
		);
		log(
			`  ${check.failures.length ? 'FAIL' : 'pass'}: ${delivered} deliveries, ${seen.size} executions; ${summary.once}/${tally.expected.length} records reached the workflow exactly once, ${summary.twice} twice, ${summary.unexpected.length} unexpected; ${seconds(performance.now() - started)}`,
		);
		return !check.failures.length;
	} catch (error) {
		log(`  FAIL: ${(error as Error).message}`);
		return false;
	} finally {
		log(`  logs: ${join(logDir, 'webhook-main-*.log')}`);
		await Promise.all(services.map((service) => service.stop(15_000)));
		process.removeListener('exit', killAll);
	}
}

async function runQueueCase(setup: Setup): Promise<boolean> {
	const { runtime, n8n, sim, logDir, log } = setup;
	const check = new Checks(log);
	const started = performance.now();
	const cluster = await QueueCluster.start({
		n8n,
		database: 'postgres',
		logDir,
		logPrefix: 'webhook-queue',
		workers: WORKERS,
	});
	const mainPort = cluster.mainPort;
	const hookUrl = `http://127.0.0.1:${mainPort}/webhook/${WEBHOOK_ID}/webhook`;
	try {
		await importAndPublish(setup, cluster.env(), 'webhook-queue');
		await cluster.startN8n(runtime);
		const workers = cluster.workers;
		const subscriptions = await subscribed(sim, hookUrl);
		check.that(
			subscriptions.length === 2,
			`activation: one subscription per event (listed: ${describeWebhooks(subscriptions)})`,
		);
		log(
			`  PostgreSQL, Redis, main and ${WORKERS} workers up, subscribed (${describeWebhooks(subscriptions)}), in ${seconds(performance.now() - started)}`,
		);
		const rest = new N8nRest(`http://127.0.0.1:${mainPort}`);
		await rest.signIn();

		const tally = new Tally(sim);
		const latencies: number[] = [];
		const seen = new Set<string>();
		// 6 changes: 3 one at a time, then 3 at once (one delivery of 3 records).
		for (const [index, id] of ['201', '202', '203'].entries()) {
			const key = await tally.change(id, `q${index + 1}`);
			check.that(await tally.arrived(key), `change ${key} reached the workflow`);
			await sleep(TICK_MS * 2);
			const fresh = await newExecutions(rest, seen);
			fresh.forEach((execution) => seen.add(execution.id));
			if (fresh.length)
				latencies.push(
					new Date(fresh[fresh.length - 1].startedAt).getTime() - tally.changedAt.get(key)!,
				);
		}
		const batch = await Promise.all(
			['204', '205', '206'].map((id, index) => tally.change(id, `q${index + 4}`)),
		);
		for (const key of batch)
			check.that(await tally.arrived(key), `change ${key} reached the workflow`);
		const updated =
			subscriptions.find((webhook) => webhook.event === 'updated') ?? subscriptions[0];
		const redelivered = await sim.redeliver(updated.id);
		await sleep(SETTLE_MS);
		(await newExecutions(rest, seen)).forEach((execution) => seen.add(execution.id));

		const deliveries = (await sim.deliveries()).filter(
			(delivery) => delivery.status !== undefined && delivery.status < 300,
		);
		const nonces = new Set(deliveries.map((delivery) => delivery.nonce));
		const summary = await tally.summary();
		const perWorker = workers.map(
			(worker) => (worker.log().match(/Worker started execution/g) ?? []).length,
		);
		check.that(
			seen.size === nonces.size,
			`executions (${seen.size}) = deliveries answered 2xx, distinct nonces (${nonces.size})`,
		);
		check.that(
			summary.once === tally.expected.length && !summary.unexpected.length,
			`every record reached the workflow once (${summary.once}/${tally.expected.length}; twice ${summary.twice}, missing ${summary.missing})`,
		);
		log(
			`  ${check.failures.length ? 'FAIL' : 'pass'}: ${nonces.size} deliveries (+1 redelivery, HTTP ${redelivered.status ?? redelivered.error}), ${seen.size} executions, ${summary.once}/${tally.expected.length} records once, ${summary.twice} twice; change to execution start: ${spread(latencies)}; executions per worker: ${perWorker.join(', ')}; ${seconds(performance.now() - started)}`,
		);
		return !check.failures.length;
	} catch (error) {
		log(`  FAIL: ${(error as Error).message}`);
		return false;
	} finally {
		log(`  logs: ${join(logDir, 'webhook-queue-*.log')}`);
		await cluster.stop();
	}
}

/** Runs the webhook trigger's cases (each with a simulator of its own) and prints figures; true when all pass. */
export async function runWebhookMode(
	runtime: Runtime,
	n8n: N8nCli,
	modes: WebhookMode[],
	logDir: string,
	log: (line?: string) => void,
): Promise<boolean> {
	let passed = true;
	for (const mode of modes) {
		log();
		log(
			mode === 'main'
				? `Unified.to Trigger (webhooks) in n8n start (SQLite): subscribe, 5 changes, forged signatures, redeliveries, 2 restarts with a change while stopped, a lost subscription, deactivation`
				: `Unified.to Trigger (webhooks) in queue mode (PostgreSQL, Redis, main + ${WORKERS} workers): 6 changes and a redelivery`,
		);
		const sim = await simulatorProcess({
			webhookTickMs: TICK_MS,
			webhookRetryUnitMs: RETRY_UNIT_MS,
			webhookSecret: SECRET,
		});
		try {
			const setup = { runtime, n8n, sim, logDir, log };
			passed = (mode === 'main' ? await runMainCase(setup) : await runQueueCase(setup)) && passed;
		} finally {
			await sim.close();
		}
	}
	return passed;
}
