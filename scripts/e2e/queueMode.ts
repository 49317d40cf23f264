import { spawn, type ChildProcess } from 'node:child_process';
import {
	chownSync,
	closeSync,
	mkdtempSync,
	openSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { Agent, request, type RequestOptions } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { SimulatorProcess } from '../../bench/support/simulatorProcess';
import { CREDENTIAL } from './config';
import { exec, execOrThrow, seconds } from './exec';
import type { N8nCli, WorkflowJson } from './n8n';
import type { Runtime } from './runtime';
import { connectionById, passthroughNode } from './workflows';

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

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

/** A long-running child in its own process group (n8n starts task runners below it), its output in a file. */
export class Service {
	private readonly child: ChildProcess;
	private exited = false;

	constructor(
		readonly name: string,
		command: string,
		args: string[],
		env: NodeJS.ProcessEnv,
		readonly logFile: string,
	) {
		const fd = openSync(logFile, 'w');
		this.child = spawn(command, args, { env, detached: true, stdio: ['ignore', fd, fd] });
		closeSync(fd);
		this.child.once('exit', () => (this.exited = true));
	}

	log(): string {
		return readFileSync(this.logFile, 'utf8');
	}

	async ready(pattern: RegExp): Promise<void> {
		const deadline = Date.now() + STARTUP_MS;
		while (!pattern.test(this.log())) {
			if (this.exited)
				throw new Error(`${this.name} exited before it was ready (log: ${this.logFile})`);
			if (Date.now() > deadline)
				throw new Error(
					`${this.name} not ready after ${seconds(STARTUP_MS)} (log: ${this.logFile})`,
				);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	/** SIGTERM to the group, SIGKILL after `graceMs`. Synchronous with graceMs 0 (process exit handlers). */
	stop(graceMs: number): Promise<void> | void {
		if (this.exited || this.child.pid === undefined) return;
		const group = -this.child.pid;
		const signal = (name: NodeJS.Signals) => {
			try {
				process.kill(group, name);
			} catch {
				// already gone
			}
		};
		if (graceMs === 0) return signal('SIGKILL');
		signal('SIGTERM');
		return new Promise<void>((resolve) => {
			const timer = setTimeout(() => {
				signal('SIGKILL');
				resolve();
			}, graceMs);
			this.child.once('exit', () => {
				clearTimeout(timer);
				// The task runner n8n started may outlive it for a moment: the group goes too.
				signal('SIGKILL');
				resolve();
			});
		});
	}
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

export type QueueDatabase = 'sqlite' | 'postgres';

/**
 * PostgreSQL (Debian's postgresql package: initdb and postgres on PATH or in /usr/lib/postgresql/<version>/bin) in
 * a fresh data folder, on `port`, with a user n8n/n8n. PostgreSQL does not run as root: as root, as user postgres.
 */
export async function startPostgres(
	dataDir: string,
	port: number,
	logDir: string,
	logName = 'queue-postgres.log',
): Promise<Service> {
	const asRoot = process.getuid?.() === 0;
	const as = (command: string, args: string[]) =>
		asRoot
			? { command: 'runuser', args: ['-u', 'postgres', '--', command, ...args] }
			: { command, args };
	const passwordFile = join(dataDir, 'password');
	writeFileSync(passwordFile, 'n8n\n');
	if (asRoot) {
		const id = async (flag: string) => Number((await execOrThrow('id', [flag, 'postgres'])).stdout);
		const [uid, gid] = [await id('-u'), await id('-g')];
		for (const path of [dataDir, passwordFile]) chownSync(path, uid, gid);
	}
	const binDir = await exec('pg_config', ['--bindir']).then(
		(result) => result.stdout.trim(),
		() => '',
	);
	const bin = (name: string) => (binDir ? join(binDir, name) : name);
	const init = as(bin('initdb'), [
		'-D',
		join(dataDir, 'data'),
		'-U',
		'n8n',
		`--pwfile=${passwordFile}`,
		'--auth=md5',
		'--encoding=UTF8',
	]);
	await execOrThrow(init.command, init.args);
	const server = as(bin('postgres'), [
		'-D',
		join(dataDir, 'data'),
		'-p',
		String(port),
		'-k',
		dataDir,
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		'fsync=off',
	]);
	const service = new Service(
		'postgres',
		server.command,
		server.args,
		process.env,
		join(logDir, logName),
	);
	await service.ready(/database system is ready to accept connections/);
	return service;
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
	const [redisPort, mainPort, postgresPort, ...brokerPorts] = await Promise.all(
		Array.from({ length: 4 + WORKERS }, () => freePort()),
	);
	const postgresEnv: NodeJS.ProcessEnv =
		database === 'postgres'
			? {
					DB_TYPE: 'postgresdb',
					DB_POSTGRESDB_HOST: '127.0.0.1',
					DB_POSTGRESDB_PORT: String(postgresPort),
					DB_POSTGRESDB_DATABASE: 'postgres',
					DB_POSTGRESDB_USER: 'n8n',
					DB_POSTGRESDB_PASSWORD: 'n8n',
				}
			: {};
	const env = (extra: NodeJS.ProcessEnv) =>
		n8n.env({
			...postgresEnv,
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redisPort),
			N8N_PORT: String(mainPort),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
			...extra,
		});

	const services: Service[] = [];
	let postgresDir: string | undefined;
	const killAll = () => {
		services.forEach((service) => service.stop(0));
		if (postgresDir) rmSync(postgresDir, { recursive: true, force: true });
	};
	const onSignal = () => {
		killAll();
		process.exit(130);
	};
	process.once('exit', killAll);
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	try {
		const started = performance.now();
		const redis = new Service(
			'redis',
			'redis-server',
			['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
			process.env,
			join(logDir, 'queue-redis.log'),
		);
		services.push(redis);
		if (database === 'postgres') {
			postgresDir = mkdtempSync(join(tmpdir(), 'n8n-e2e-postgres-'));
			services.push(await startPostgres(postgresDir, postgresPort, logDir));
		}
		await redis.ready(/Ready to accept connections/);

		const importDir = join(n8n.userFolder, 'import');
		const cli = (args: string[]) =>
			execOrThrow(runtime.node, [runtime.n8nBin, ...args], { env: env({}) });
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

		const main = new Service(
			'n8n main',
			runtime.node,
			[runtime.n8nBin, 'start'],
			env({ N8N_RUNNERS_BROKER_PORT: String(brokerPorts[0]) }),
			join(logDir, 'queue-main.log'),
		);
		services.push(main);
		const workers = Array.from(
			{ length: WORKERS },
			(_, index) =>
				new Service(
					`n8n worker ${index + 1}`,
					runtime.node,
					[runtime.n8nBin, 'worker'],
					env({ N8N_RUNNERS_BROKER_PORT: String(brokerPorts[1 + index]) }),
					join(logDir, `queue-worker-${index + 1}.log`),
				),
		);
		services.push(...workers);
		await Promise.all([
			main.ready(/Editor is now accessible/),
			...workers.map((worker) => worker.ready(/n8n worker is now ready/)),
		]);
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
		const n8nServices = services.filter((service) => service.name.startsWith('n8n'));
		await Promise.all(n8nServices.map((service) => service.stop(15_000)));
		await Promise.all(
			services
				.filter((service) => !n8nServices.includes(service))
				.map((service) => service.stop(5_000)),
		);
		if (postgresDir) rmSync(postgresDir, { recursive: true, force: true });
		process.removeListener('exit', killAll);
		process.removeListener('SIGINT', onSignal);
		process.removeListener('SIGTERM', onSignal);
	}
}
