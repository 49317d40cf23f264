import { writeFileSync } from 'node:fs';
import { Agent, request, type RequestOptions } from 'node:http';
import { join } from 'node:path';

import type { SimulatorProcess } from '../../bench/support/simulatorProcess';
import { CREDENTIAL } from './config';
import { execOrThrow, seconds } from './exec';
import type { N8nCli, WorkflowJson } from './n8n';
import type { Runtime } from './runtime';
import { QueueCluster, type QueueDatabase } from './services';
import { connectionById, passthroughNode } from './workflows';

export type { QueueDatabase } from './services';

// `npm run e2e -- --queue`: issue 11's queue-mode target. n8n in queue mode (EXECUTIONS_MODE=queue) with its own
// Redis, one main process that takes the webhooks and 2 `n8n worker` processes, on the e2e run's user folder (the
// installed package, the encryption key). Database: by default a fresh PostgreSQL of its own (--queue-db=postgres);
// with --queue-db=sqlite, the run's SQLite file, which n8n warns is not supported in scaling mode: n8n sets no
// busy timeout, so a write from one process while another holds the lock fails with SQLITE_BUSY and the execution
// with it (1 and 2 of 200 in two runs). One published workflow: Webhook (answers when the last node finishes) -> our
// node, default options, On Error: Continue, one GET per execution against a rate-limited simulator connection
// (5 calls/s, burst 5, 100 ms, HubSpot-style 429s). 200 requests at once, one item each. Each n8n process has
// its own flow controller, so the two workers pace themselves separately against the one limit.

const WORKFLOW_ID = 'e2eQueueWebhook';
const WEBHOOK_PATH = 'e2e-queue-mode';
const CONNECTION = 'conn_e2e_queue';
const REQUESTS = 200;
const WORKERS = 2;
const LIMIT = { rate: 5, burst: 5, latencyMs: 100, style: 'hubspot' } as const;
const STARTUP_MS = 180_000;

function workflow(): WorkflowJson {
	return {
		id: WORKFLOW_ID,
		name: 'e2e: queue mode, webhook -> Passthrough',
		nodes: [
			{
				id: 'webhook',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'a4f0c1de-2b7e-4c55-9d0e-0e2e00000001',
				parameters: {
					httpMethod: 'GET',
					path: WEBHOOK_PATH,
					responseMode: 'lastNode',
					options: {},
				},
			},
			passthroughNode(
				{
					connection: connectionById(CONNECTION),
					method: 'GET',
					path: '=/items/{{ $json.query.id }}',
				},
				{ onError: 'continueRegularOutput' },
			),
		],
		connections: { Webhook: { main: [[{ node: 'Passthrough', type: 'main', index: 0 }]] } },
		settings: {},
	};
}

interface Answer {
	status: number;
	body: string;
}

function send(url: string, agent: Agent, options: RequestOptions = {}): Promise<Answer> {
	return new Promise((resolve) => {
		const req = request(url, { agent, ...options }, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (body += chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
			res.on('error', (error) => resolve({ status: 0, body: error.message }));
		});
		req.on('error', (error) => resolve({ status: 0, body: error.message }));
		req.end();
	});
}

/** Runs the queue-mode case and prints its figures; true when every request was answered with its item. */
export async function runQueueMode(
	runtime: Runtime,
	n8n: N8nCli,
	sim: SimulatorProcess,
	database: QueueDatabase,
	logDir: string,
	log: (line?: string) => void,
): Promise<boolean> {
	log();
	log(
		`Queue mode (Redis, main + ${WORKERS} workers, ${database === 'postgres' ? 'PostgreSQL' : 'SQLite'}): ${REQUESTS} webhook executions of one item at once, API at ${LIMIT.rate} calls/s`,
	);
	const started = performance.now();
	const cluster = await QueueCluster.start({
		n8n,
		database,
		logDir,
		logPrefix: 'queue',
		workers: WORKERS,
	});
	try {
		const importDir = join(n8n.userFolder, 'import');
		const cli = (args: string[]) =>
			execOrThrow(runtime.node, [runtime.n8nBin, ...args], { env: cluster.env() });
		if (database === 'postgres') {
			// A database of its own: the credential the rest of the run imported into SQLite, again.
			writeFileSync(
				join(importDir, 'queue-credentials.json'),
				JSON.stringify([
					{ ...CREDENTIAL, data: { apiKey: sim.apiKey, region: 'custom', baseUrl: sim.baseUrl } },
				]),
			);
			await cli(['import:credentials', `--input=${join(importDir, 'queue-credentials.json')}`]);
		}
		writeFileSync(join(importDir, 'queue-workflow.json'), JSON.stringify([workflow()]));
		await cli(['import:workflow', `--input=${join(importDir, 'queue-workflow.json')}`]);
		await cli(['publish:workflow', `--id=${WORKFLOW_ID}`]);
		await sim.rateLimited({ ...LIMIT, id: CONNECTION });
		await cluster.startN8n(runtime);
		const workers = cluster.workers;
		const mainPort = cluster.mainPort;
		// The main process activates published workflows after it says it is ready: a CORS preflight answers 204
		// once the webhook is registered, 404 before, and starts no execution.
		const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
		const webhookUrl = `http://127.0.0.1:${mainPort}/webhook/${WEBHOOK_PATH}`;
		const preflight = {
			method: 'OPTIONS',
			headers: { origin: 'http://localhost', 'access-control-request-method': 'GET' },
		};
		while ((await send(webhookUrl, agent, preflight)).status !== 204) {
			if (performance.now() - started > STARTUP_MS)
				throw new Error(`the webhook was not registered after ${seconds(STARTUP_MS)}`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		log(
			`  ${database === 'postgres' ? 'PostgreSQL (fresh), ' : ''}Redis, main and ${WORKERS} workers up, workflow imported and published, webhook registered, in ${seconds(performance.now() - started)}`,
		);

		const fired = performance.now();
		const answers = await Promise.all(
			Array.from({ length: REQUESTS }, (_, id) => send(`${webhookUrl}?id=${id}`, agent)),
		);
		const wallMs = performance.now() - fired;
		agent.destroy();

		const items = answers.map((answer, id) => {
			try {
				const json = JSON.parse(answer.body) as { path?: string; error?: unknown };
				return answer.status === 200 && json.error === undefined && json.path === `items/${id}`;
			} catch {
				return false;
			}
		});
		const answeredOk = answers.filter((answer) => answer.status === 200).length;
		const itemsOk = items.filter(Boolean).length;
		const counters = await sim.rateLimitCounters(CONNECTION);
		const floor = (REQUESTS - LIMIT.burst) / LIMIT.rate;
		const perWorker = workers.map(
			(worker) => (worker.log().match(/Worker started execution/g) ?? []).length,
		);
		const statuses = new Map<number, number>();
		for (const answer of answers)
			statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
		log(
			`  answered ok (HTTP 200) ${answeredOk}/${REQUESTS}, items ok ${itemsOk}/${REQUESTS}, 429s ${counters.rejected}, calls ${counters.calls}, peak in flight ${counters.maxInFlight}`,
		);
		log(
			`  time ${seconds(wallMs)} (first request to last answer), floor ${floor.toFixed(1)} s, time/floor ${(wallMs / 1000 / floor).toFixed(2)}`,
		);
		log(
			`  executions per worker: ${perWorker.join(', ')}; HTTP statuses: ${[...statuses].map(([status, count]) => `${status || 'no answer'} x${count}`).join(', ')}`,
		);
		const failed = answers.find((answer, id) => !items[id]);
		if (failed) log(`  first failed answer: ${failed.status} ${failed.body.slice(0, 300)}`);
		log(`  logs: ${join(logDir, 'queue-*.log')}`);
		return itemsOk === REQUESTS;
	} finally {
		await cluster.stop();
	}
}
