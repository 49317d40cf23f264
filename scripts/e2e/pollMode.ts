import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { SimulatorProcess } from '../../bench/support/simulatorProcess';
import { CREDENTIAL, CREDENTIAL_REF, PACKAGE_NAME } from './config';
import { execOrThrow, seconds } from './exec';
import type { N8nCli, WorkflowJson } from './n8n';
import { freePort, Service, startPostgres } from './services';
import type { Runtime } from './runtime';
import { connectionById, passthroughNode } from './workflows';

// The polling trigger in a real n8n process (`n8n execute` never polls: it starts a workflow with one empty item),
// over several scheduled polls and a restart, on n8n's in-memory scheduler and on its durable scheduler (issue 18
// item 2). One published workflow: Unified.to Passthrough Trigger (HubSpot contacts, New or Updated, every minute,
// First Poll left at "Emit Nothing") -> our node, one GET per emitted record to a simulator connection that counts
// its calls by path (`/items/<contact id>-<version>`). Contacts change through the simulator's control endpoint:
// 3 after activation and before the first scheduled poll, 2 more, 2 while n8n is stopped, 1 after the restart.
// Each change must reach the workflow exactly once. A fresh PostgreSQL per run (the durable scheduler needs it).
// n8n refuses poll intervals under a minute: a run takes about 5 minutes.

const WORKFLOW_ID = 'e2ePollTrigger1';
const TRIGGER = 'HubSpot contacts changed';
const SINK = 'conn_e2e_poll_sink';
const HUBSPOT = 'conn_hubspot';
/** Longer than two poll intervals: a change that has not arrived by then is lost. */
const DELIVERY_WAIT_MS = 150_000;

/** n8n's own recommendation for poll triggers on its durable scheduler (all four, n8n 2.36+). */
export const DURABLE_FLAGS: NodeJS.ProcessEnv = {
	N8N_SCHEDULER_ENABLED: 'true',
	N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
	N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'true',
	N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
};

export type PollScheduler = 'memory' | 'durable';

function workflow(): WorkflowJson {
	return {
		id: WORKFLOW_ID,
		name: 'e2e: polling trigger -> Passthrough',
		nodes: [
			{
				id: 'trigger',
				name: TRIGGER,
				type: `${PACKAGE_NAME}.unifiedPassthroughTrigger`,
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					connection: connectionById(HUBSPOT),
					source: 'hubspot',
					hubspotObject: 'contacts',
					hubspotProperties: 'firstname',
				},
				credentials: CREDENTIAL_REF,
			},
			passthroughNode({
				connection: connectionById(SINK),
				method: 'GET',
				path: '=/items/{{ $json.id }}-{{ $json.properties.firstname }}',
			}),
		],
		connections: {
			[TRIGGER]: { main: [[{ node: 'Passthrough', type: 'main', index: 0 }]] },
		},
		settings: {},
	};
}

export interface PollRunFigures {
	scheduler: PollScheduler;
	delivered: number;
	expected: number;
	/** Changes that reached the workflow more than once, and calls for anything that was not a change. */
	duplicates: number;
	unexpected: number;
	polls: number;
	durationMs: number;
}

async function waitFor(done: () => Promise<boolean>, timeoutMs = 180_000): Promise<boolean> {
	const deadline = performance.now() + timeoutMs;
	while (performance.now() < deadline) {
		if (await done()) return true;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	return false;
}

async function runOne(
	scheduler: PollScheduler,
	runtime: Runtime,
	n8n: N8nCli,
	sim: SimulatorProcess,
	logDir: string,
	log: (line?: string) => void,
): Promise<PollRunFigures> {
	const [port, brokerPort, postgresPort] = await Promise.all([freePort(), freePort(), freePort()]);
	const env = n8n.env({
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgresPort),
		DB_POSTGRESDB_DATABASE: 'postgres',
		DB_POSTGRESDB_USER: 'n8n',
		DB_POSTGRESDB_PASSWORD: 'n8n',
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
		...(scheduler === 'durable' ? DURABLE_FLAGS : {}),
	});
	const services: Service[] = [];
	const postgresDir = mkdtempSync(join(tmpdir(), 'n8n-e2e-postgres-'));
	const killAll = () => {
		services.forEach((service) => service.stop(0));
		rmSync(postgresDir, { recursive: true, force: true });
	};
	const onSignal = () => {
		killAll();
		process.exit(130);
	};
	process.once('exit', killAll);
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	const started = performance.now();
	try {
		services.push(
			await startPostgres(postgresDir, postgresPort, logDir, `poll-${scheduler}-postgres.log`),
		);
		const importDir = join(n8n.userFolder, 'import');
		const cli = (args: string[]) => execOrThrow(runtime.node, [runtime.n8nBin, ...args], { env });
		writeFileSync(
			join(importDir, 'poll-credentials.json'),
			JSON.stringify([
				{ ...CREDENTIAL, data: { apiKey: sim.apiKey, region: 'custom', baseUrl: sim.baseUrl } },
			]),
		);
		writeFileSync(join(importDir, 'poll-workflow.json'), JSON.stringify([workflow()]));
		await cli(['import:credentials', `--input=${join(importDir, 'poll-credentials.json')}`]);
		await cli(['import:workflow', `--input=${join(importDir, 'poll-workflow.json')}`]);
		await cli(['publish:workflow', `--id=${WORKFLOW_ID}`]);
		await sim.rateLimited({ rate: 1e9, burst: 1e9, latencyMs: 0, id: SINK });
		const pollsBefore = await sim.passthroughRequests(HUBSPOT);

		let starts = 0;
		const startN8n = async () => {
			const polled = await sim.passthroughRequests(HUBSPOT);
			const main = new Service(
				'n8n start',
				runtime.node,
				[runtime.n8nBin, 'start'],
				env,
				join(logDir, `poll-${scheduler}-main-${++starts}.log`),
			);
			services.push(main);
			await main.ready(/Editor is now accessible/);
			// n8n activates the published workflow after that line, and runs the activation poll then (n8n logs
			// neither at info level): on the first start, wait for its search request. On a restart the durable
			// scheduler runs no activation poll, so there is nothing to wait for.
			if (starts === 1)
				await waitFor(async () => (await sim.passthroughRequests(HUBSPOT)) > polled);
			return main;
		};

		const expected: string[] = [];
		const change = async (...ids: string[]) => {
			for (const id of ids) {
				const version = `v${expected.length + 1}`;
				await sim.changeRecord('hubspot:contacts', { id, fields: { firstname: version } });
				expected.push(`${id}-${version}`);
			}
		};
		const delivered = async () => {
			const { callsById } = await sim.rateLimitCounters(SINK);
			return expected.filter((key) => callsById[key]).length;
		};
		const waitForDeliveries = () =>
			waitFor(async () => (await delivered()) >= expected.length, DELIVERY_WAIT_MS);

		let main = await startN8n();
		await change('101', '102', '103');
		await waitForDeliveries();
		await change('104', '101');
		await waitForDeliveries();
		await main.stop(15_000);
		await change('105', '102');
		main = await startN8n();
		await waitForDeliveries();
		await change('106');
		await waitForDeliveries();
		// One more poll after the last delivery: a change read twice would show now.
		const polled = await sim.passthroughRequests(HUBSPOT);
		await waitFor(async () => (await sim.passthroughRequests(HUBSPOT)) > polled, 90_000);
		await main.stop(15_000);

		const { callsById } = await sim.rateLimitCounters(SINK);
		return {
			scheduler,
			delivered: await delivered(),
			expected: expected.length,
			duplicates: expected.filter((key) => (callsById[key] ?? 0) > 1).length,
			unexpected: Object.keys(callsById).filter((key) => !expected.includes(key)).length,
			polls: (await sim.passthroughRequests(HUBSPOT)) - pollsBefore,
			durationMs: performance.now() - started,
		};
	} finally {
		log(`  logs: ${join(logDir, `poll-${scheduler}-*.log`)}`);
		await Promise.all(services.map((service) => service.stop(15_000)));
		rmSync(postgresDir, { recursive: true, force: true });
		process.removeListener('exit', killAll);
		process.removeListener('SIGINT', onSignal);
		process.removeListener('SIGTERM', onSignal);
	}
}

/** Runs the polling case on each scheduler and prints its figures; true when every change arrived exactly once. */
export async function runPollMode(
	runtime: Runtime,
	n8n: N8nCli,
	sim: SimulatorProcess,
	schedulers: PollScheduler[],
	logDir: string,
	log: (line?: string) => void,
): Promise<boolean> {
	log();
	log(
		'Polling trigger in n8n start (PostgreSQL): every minute, First Poll "Emit Nothing", 8 contact changes (3 before the first scheduled poll, 2 while n8n is stopped)',
	);
	let passed = true;
	for (const scheduler of schedulers) {
		const figures = await runOne(scheduler, runtime, n8n, sim, logDir, log);
		const ok = figures.delivered === figures.expected && !figures.duplicates && !figures.unexpected;
		passed &&= ok;
		log(
			`  ${scheduler === 'durable' ? 'durable scheduler (the 4 flags)' : 'in-memory scheduler'}: ${ok ? 'pass' : 'FAIL'}, ${figures.delivered}/${figures.expected} changes delivered, ${figures.duplicates} twice, ${figures.unexpected} unexpected, ${figures.polls} polls, ${seconds(figures.durationMs)}`,
		);
	}
	return passed;
}
