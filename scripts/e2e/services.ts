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
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { exec, execOrThrow, seconds } from './exec';
import type { N8nCli } from './n8n';
import type { Runtime } from './runtime';

// The long-running processes the e2e cases start beside n8n (Redis, PostgreSQL, n8n itself), and n8n in queue mode.

const STARTUP_MS = 180_000;

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

export interface QueueClusterOptions {
	n8n: N8nCli;
	database: QueueDatabase;
	logDir: string;
	/** Log files are `<prefix>-redis.log`, `<prefix>-postgres.log`, `<prefix>-main.log`, `<prefix>-worker-<n>.log`. */
	logPrefix: string;
	workers: number;
}

/**
 * n8n in queue mode on loopback: Redis, a fresh PostgreSQL (or the run's SQLite), one main process that takes the
 * webhooks and `workers` workers. `start` brings up Redis and the database (for the case to import and publish
 * its workflow with `env()`), `startN8n` the main and workers, `stop` everything (also on exit or a signal).
 */
export class QueueCluster {
	readonly services: Service[] = [];
	main?: Service;
	workers: Service[] = [];
	private readonly killAll = () => {
		this.services.forEach((service) => service.stop(0));
		if (this.postgresDir) rmSync(this.postgresDir, { recursive: true, force: true });
	};
	private readonly onSignal = () => {
		this.killAll();
		process.exit(130);
	};

	private constructor(
		private readonly options: QueueClusterOptions,
		readonly mainPort: number,
		private readonly redisPort: number,
		private readonly postgresPort: number,
		private readonly brokerPorts: number[],
		private readonly postgresDir: string | undefined,
	) {
		process.once('exit', this.killAll);
		process.once('SIGINT', this.onSignal);
		process.once('SIGTERM', this.onSignal);
	}

	static async start(options: QueueClusterOptions): Promise<QueueCluster> {
		const [redisPort, mainPort, postgresPort, ...brokerPorts] = await Promise.all(
			Array.from({ length: 4 + options.workers }, () => freePort()),
		);
		const postgresDir =
			options.database === 'postgres'
				? mkdtempSync(join(tmpdir(), 'n8n-e2e-postgres-'))
				: undefined;
		const cluster = new QueueCluster(
			options,
			mainPort,
			redisPort,
			postgresPort,
			brokerPorts,
			postgresDir,
		);
		const log = (name: string) => join(options.logDir, `${options.logPrefix}-${name}.log`);
		const redis = new Service(
			'redis',
			'redis-server',
			['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
			process.env,
			log('redis'),
		);
		cluster.services.push(redis);
		if (postgresDir)
			cluster.services.push(
				await startPostgres(
					postgresDir,
					postgresPort,
					options.logDir,
					`${options.logPrefix}-postgres.log`,
				),
			);
		await redis.ready(/Ready to accept connections/);
		return cluster;
	}

	/** The environment of every n8n process (and CLI command) of this cluster. */
	env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
		const postgres: NodeJS.ProcessEnv =
			this.options.database === 'postgres'
				? {
						DB_TYPE: 'postgresdb',
						DB_POSTGRESDB_HOST: '127.0.0.1',
						DB_POSTGRESDB_PORT: String(this.postgresPort),
						DB_POSTGRESDB_DATABASE: 'postgres',
						DB_POSTGRESDB_USER: 'n8n',
						DB_POSTGRESDB_PASSWORD: 'n8n',
					}
				: {};
		return this.options.n8n.env({
			...postgres,
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(this.redisPort),
			N8N_PORT: String(this.mainPort),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			WEBHOOK_URL: `http://127.0.0.1:${this.mainPort}/`,
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
			...extra,
		});
	}

	/** The main process and the workers, each with a task broker port of its own; resolves when all are ready. */
	async startN8n(runtime: Runtime): Promise<void> {
		const log = (name: string) =>
			join(this.options.logDir, `${this.options.logPrefix}-${name}.log`);
		this.main = new Service(
			'n8n main',
			runtime.node,
			[runtime.n8nBin, 'start'],
			this.env({ N8N_RUNNERS_BROKER_PORT: String(this.brokerPorts[0]) }),
			log('main'),
		);
		this.workers = Array.from(
			{ length: this.options.workers },
			(_, index) =>
				new Service(
					`n8n worker ${index + 1}`,
					runtime.node,
					[runtime.n8nBin, 'worker'],
					this.env({ N8N_RUNNERS_BROKER_PORT: String(this.brokerPorts[1 + index]) }),
					log(`worker-${index + 1}`),
				),
		);
		this.services.push(this.main, ...this.workers);
		await Promise.all([
			this.main.ready(/Editor is now accessible/),
			...this.workers.map((worker) => worker.ready(/n8n worker is now ready/)),
		]);
	}

	/** The n8n processes first (they flush to the database and Redis), then the rest. */
	async stop(): Promise<void> {
		const n8nServices = this.services.filter((service) => service.name.startsWith('n8n'));
		await Promise.all(n8nServices.map((service) => service.stop(15_000)));
		await Promise.all(
			this.services
				.filter((service) => !n8nServices.includes(service))
				.map((service) => service.stop(5_000)),
		);
		if (this.postgresDir) rmSync(this.postgresDir, { recursive: true, force: true });
		process.removeListener('exit', this.killAll);
		process.removeListener('SIGINT', this.onSignal);
		process.removeListener('SIGTERM', this.onSignal);
	}
}
