import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { SimulatorProcess } from '../../bench/support/simulatorProcess';
import { CREDENTIAL_REF, PACKAGE_NAME } from './config';
import { execOrThrow, seconds } from './exec';
import type { N8nCli, WorkflowJson } from './n8n';
import { freePort, Service } from './queueMode';
import type { Runtime } from './runtime';
import { connectionById, passthroughNode } from './workflows';

// The polling trigger in a real n8n process (`n8n execute` never polls: it starts a workflow with one empty item).
// One published workflow, Unified.to Passthrough Trigger (HubSpot contacts, First Poll "Emit All", 20 records a
// poll, polled hourly) -> our node, one GET per emitted record to a simulator connection that counts its calls.
// `n8n start` activates it and n8n runs the trigger's first poll at activation: the calls per id show what the
// poll emitted and that the workflow ran on it.

const WORKFLOW_ID = 'e2ePollTrigger1';
const SINK = 'conn_e2e_poll_sink';
const RECORDS = 20;
const WAIT_MS = 120_000;

function workflow(): WorkflowJson {
	return {
		id: WORKFLOW_ID,
		name: 'e2e: polling trigger -> Passthrough',
		nodes: [
			{
				id: 'trigger',
				name: 'HubSpot contacts changed',
				type: `${PACKAGE_NAME}.unifiedPassthroughTrigger`,
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes: { item: [{ mode: 'everyX', value: 60, unit: 'minutes' }] },
					connection: connectionById('conn_hubspot'),
					source: 'hubspot',
					hubspotObject: 'contacts',
					hubspotProperties: 'email',
					options: { firstPoll: 'emitAll', maxRecordsPerPoll: RECORDS },
				},
				credentials: CREDENTIAL_REF,
			},
			passthroughNode({
				connection: connectionById(SINK),
				method: 'GET',
				path: '=/items/{{ $json.id }}',
			}),
		],
		connections: {
			'HubSpot contacts changed': { main: [[{ node: 'Passthrough', type: 'main', index: 0 }]] },
		},
		settings: {},
	};
}

export async function runPollMode(
	runtime: Runtime,
	n8n: N8nCli,
	sim: SimulatorProcess,
	logDir: string,
	log: (line?: string) => void,
): Promise<boolean> {
	log();
	log(`Polling trigger in n8n start: the activation poll emits ${RECORDS} HubSpot contacts`);
	const [port, brokerPort] = await Promise.all([freePort(), freePort()]);
	const env = n8n.env({
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
	});
	await sim.rateLimited({ rate: 1e9, burst: 1e9, latencyMs: 0, id: SINK });
	const file = join(n8n.userFolder, 'import', 'poll-workflow.json');
	writeFileSync(file, JSON.stringify([workflow()]));
	const cli = (args: string[]) => execOrThrow(runtime.node, [runtime.n8nBin, ...args], { env });
	await cli(['import:workflow', `--input=${file}`]);
	await cli(['publish:workflow', `--id=${WORKFLOW_ID}`]);
	const main = new Service(
		'n8n start',
		runtime.node,
		[runtime.n8nBin, 'start'],
		env,
		join(logDir, 'poll-main.log'),
	);
	const started = performance.now();
	try {
		await main.ready(/Editor is now accessible/);
		let counters = await sim.rateLimitCounters(SINK);
		while (counters.served < RECORDS && performance.now() - started < WAIT_MS) {
			await new Promise((resolve) => setTimeout(resolve, 500));
			counters = await sim.rateLimitCounters(SINK);
		}
		const ids = Object.keys(counters.callsById);
		log(
			`  ${counters.served} calls made for ${ids.length} distinct records (expected ${RECORDS}), ${seconds(performance.now() - started)} after n8n start`,
		);
		log(`  logs: ${main.logFile}`);
		return counters.served === RECORDS && ids.length === RECORDS;
	} finally {
		await main.stop(15_000);
		await cli(['unpublish:workflow', `--id=${WORKFLOW_ID}`]).catch(() => undefined);
	}
}
