// npm run e2e: the package in a real n8n (see CONTRIBUTING.md, "End-to-end run in real n8n"). Installs Node 24 and n8n into
// a cache folder (once), installs the packed package the way n8n's Community Nodes installer does, runs the example
// workflows and failure paths headless with `n8n execute` against the simulator, and measures the memory of a large
// download through this node and through n8n's HTTP Request node. Prints figures; exits non-zero on a failed check.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { parseArgs } from 'node:util';

import { simulatorProcess } from '../../bench/support/simulatorProcess';
import { e2eCases, fakeToolArguments, type E2eCase } from './cases';
import { OPENAI_CREDENTIAL } from './credentialCases';
import { startFakeModel } from './fakeModel';
import { CACHE_DIR, CREDENTIAL, REPO_ROOT } from './config';
import { cleanEnv, execOrThrow, seconds } from './exec';
import { installPackage, packPackage, type InstallMode } from './installPackage';
import { CLIENT_LABEL, memoryCases, runMemoryCase, type MemoryResult } from './memory';
import { N8nCli, type Execution } from './n8n';
import { perfWorkflows, runLoopbackCpu, runRegimes } from './perf';
import { runPollMode, type PollScheduler } from './pollMode';
import { runQueueMode, type QueueDatabase } from './queueMode';
import { ensureRuntime } from './runtime';
import { runWebhookMode, type WebhookMode } from './webhookMode';

const { values: flags } = parseArgs({
	options: {
		install: { type: 'string', default: 'installer' },
		memory: { type: 'string', default: '200' },
		repeat: { type: 'string', default: '1' },
		only: { type: 'string' },
		queue: { type: 'boolean', default: false },
		'queue-db': { type: 'string', default: 'postgres' },
		poll: { type: 'string', default: 'memory,durable' },
		webhook: { type: 'string', default: 'main,queue' },
	},
});
const installMode = flags.install as InstallMode;
if (installMode !== 'installer' && installMode !== 'manual')
	throw new Error('--install is "installer" or "manual"');
const memorySizes =
	flags.memory === 'none'
		? []
		: flags.memory
				.split(',')
				.map(Number)
				.filter((size) => size > 0);
const repeat = Math.max(1, Number(flags.repeat));
const queueDatabase = flags['queue-db'] as QueueDatabase;
if (queueDatabase !== 'postgres' && queueDatabase !== 'sqlite')
	throw new Error('--queue-db is "postgres" or "sqlite"');
const pollSchedulers = flags.poll.split(',').filter(Boolean) as PollScheduler[];
if (pollSchedulers.some((scheduler) => scheduler !== 'memory' && scheduler !== 'durable'))
	throw new Error('--poll lists "memory" and/or "durable"');

const webhookModes = flags.webhook.split(',').filter(Boolean) as WebhookMode[];
if (webhookModes.some((mode) => mode !== 'main' && mode !== 'queue'))
	throw new Error('--webhook lists "main" and/or "queue"');

const log = (line = '') => console.log(line);
const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
	const started = performance.now();
	return [await work(), performance.now() - started];
};

interface CaseResult {
	title: string;
	status: 'pass' | 'FAIL' | 'skip';
	processMs?: number;
	executionMs?: number;
	note?: string;
	loaded?: Record<string, string[]>;
}

function executionMs(execution: Execution): number | undefined {
	const run = execution.run;
	return run?.startedAt && run.stoppedAt
		? new Date(run.stoppedAt).getTime() - new Date(run.startedAt).getTime()
		: undefined;
}

async function runCase(n8n: N8nCli, e2eCase: E2eCase, logDir: string): Promise<CaseResult> {
	if (e2eCase.skip) return { title: e2eCase.title, status: 'skip', note: e2eCase.skip };
	const execution = await n8n.execute(e2eCase.id);
	writeFileSync(join(logDir, `${e2eCase.id}.log`), execution.output);
	const timing = { processMs: execution.processMs, executionMs: executionMs(execution) };
	try {
		if (!execution.run)
			throw new Error(`no run in the output of n8n execute (exit code ${execution.code})`);
		if ((execution.code !== 0) !== Boolean(e2eCase.fails)) {
			const exit = execution.probe?.exit;
			throw new Error(
				`n8n execute exited with ${execution.code}${exit ? ` from ${exit.stack.split('\n').slice(2, 5).join(' < ')}` : ''}`,
			);
		}
		e2eCase.check(execution.run);
		const problem = loadedCopiesProblem(execution);
		return {
			title: e2eCase.title,
			status: problem ? 'FAIL' : 'pass',
			...timing,
			note: problem,
			loaded: execution.probe?.loaded,
		};
	} catch (error) {
		return {
			title: e2eCase.title,
			status: 'FAIL',
			...timing,
			note: `${(error as Error).message.split('\n').slice(0, 6).join(' | ')} (log: ${join(logDir, `${e2eCase.id}.log`)})`,
		};
	}
}

/** The node must run against n8n's own n8n-workflow: a copy under nodes/ would mean two sets of error classes. */
function loadedCopiesProblem(execution: Execution): string | undefined {
	const copies = execution.probe?.loaded['n8n-workflow'] ?? [];
	return copies.length === 1 && !copies[0].includes('/.n8n/nodes/')
		? undefined
		: `n8n-workflow loaded from: ${copies.join(', ') || 'nowhere'}`;
}

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

function printMemory(results: MemoryResult[]): void {
	log();
	log(
		'Memory: peak RSS growth of the n8n process from the start of the download request (filesystem binary mode)',
	);
	log(
		`  ${'download'.padEnd(10)}${CLIENT_LABEL.passthrough.padEnd(38)}${CLIENT_LABEL.httpRequest.padEnd(38)}ratio`,
	);
	for (const sizeMb of new Set(results.map((result) => result.sizeMb))) {
		const of = (client: MemoryResult['client']) =>
			results.filter((result) => result.sizeMb === sizeMb && result.client === client);
		const ours = of('passthrough');
		const http = of('httpRequest');
		const cell = (runs: MemoryResult[]) => {
			if (!runs.length) return '-'.padEnd(38);
			const growth = median(runs.map((run) => run.growthMb));
			const ms = median(runs.map((run) => run.downloadMs));
			const all =
				runs.length > 1 ? ` [${runs.map((run) => run.growthMb.toFixed(0)).join(', ')}]` : '';
			return `+${growth.toFixed(1)} MB in ${seconds(ms)}${all}`.padEnd(38);
		};
		const ratio = median(ours.map((run) => run.growthMb)) / median(http.map((run) => run.growthMb));
		log(`  ${`${sizeMb} MB`.padEnd(10)}${cell(ours)}${cell(http)}${ratio.toFixed(2)}`);
	}
	const sample = results[0];
	if (sample)
		log(
			`  (${repeat > 1 ? `median of ${repeat} runs each; ` : ''}peak from the ${sample.peakSource}; RSS at the request ~${sample.baselineMb.toFixed(0)} MB)`,
		);
}

async function main(): Promise<number> {
	const started = performance.now();
	log(`n8n-nodes-unified e2e (cache: ${CACHE_DIR})`);
	const [runtime, setupMs] = await timed(() => ensureRuntime(log));
	log(`  n8n ${runtime.n8nVersion} on Node ${runtime.nodeVersion} (setup ${seconds(setupMs)})`);

	const runDir = join(CACHE_DIR, 'run');
	rmSync(runDir, { recursive: true, force: true });
	const logDir = join(runDir, 'logs');
	mkdirSync(logDir, { recursive: true });
	const userFolder = join(runDir, 'user');

	const [, buildMs] = await timed(() =>
		execOrThrow(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], {
			cwd: REPO_ROOT,
			env: cleanEnv(),
		}),
	);
	const [, installMs] = await timed(async () => {
		const tarball = await packPackage(runDir);
		await installPackage(
			installMode,
			tarball,
			userFolder,
			`${runtime.nodeBinDir}${delimiter}${process.env.PATH}`,
		);
	});
	log(
		`  build ${seconds(buildMs)}, npm pack + install (${installMode === 'installer' ? "as n8n's Community Nodes installer does" : 'npm install --omit=peer'}) ${seconds(installMs)}`,
	);

	let sim: Awaited<ReturnType<typeof simulatorProcess>> | undefined;
	// An OpenAI-compatible model on loopback, so the AI Agent cases run their tools (fakeModel.ts).
	const model = await startFakeModel(fakeToolArguments);
	try {
		sim = await simulatorProcess();
		const n8n = new N8nCli(runtime, userFolder);
		const selected = (title: string) =>
			!flags.only || flags.only.split(',').some((part) => title.includes(part));
		const cases = e2eCases(sim.baseUrl).filter((e2eCase) => selected(e2eCase.title));
		const memory = memoryCases(memorySizes, sim).filter((entry) => selected(entry.workflow.name));
		const perf = perfWorkflows(selected);
		const [, importMs] = await timed(async () => {
			await n8n.importCredentials([
				{ ...CREDENTIAL, data: { apiKey: sim!.apiKey, region: 'custom', baseUrl: sim!.baseUrl } },
				{ ...OPENAI_CREDENTIAL, data: { apiKey: 'sk-e2e-fake', url: model.url } },
			]);
			await n8n.importWorkflows([
				...cases.flatMap((e2eCase) => (e2eCase.workflow ? [e2eCase.workflow] : [])),
				...memory.map((entry) => entry.workflow),
				...perf.workflows,
			]);
		});
		log(
			`  simulator ${sim.baseUrl}; credential and ${cases.length + memory.length + perf.workflows.length} workflows imported in ${seconds(importMs)}`,
		);

		log();
		log(
			`Workflows (each a fresh \`n8n execute --id=<id> --rawOutput\`)${' '.repeat(8)}result  process   execution`,
		);
		const results: CaseResult[] = [];
		for (const e2eCase of cases) {
			const result = await runCase(n8n, e2eCase, logDir);
			results.push(result);
			const times =
				result.processMs === undefined
					? ''
					: `${seconds(result.processMs).padStart(7)}   ${result.executionMs ?? '?'} ms`;
			log(`  ${result.title.slice(0, 70).padEnd(72)}${result.status.padEnd(8)}${times}`);
			if (result.note) log(`      ${result.note}`);
		}

		const loaded = results.find((result) => result.loaded)?.loaded;
		if (loaded) {
			log(
				`  modules n8n loaded: ${Object.entries(loaded)
					.map(([name, folders]) => `${name} x${folders.length}`)
					.join(', ')}`,
			);
			for (const folder of Object.values(loaded).flat()) log(`      ${folder}`);
		}

		await runRegimes(n8n, sim, perf, logDir, log);
		if (perf.workflows.some((workflow) => workflow.id === 'e2eCpuOurs'))
			await runLoopbackCpu(n8n, sim, Math.max(2, repeat), logDir, log);

		const memoryResults: MemoryResult[] = [];
		for (let round = 0; round < repeat; round++) {
			for (const entry of memory) memoryResults.push(await runMemoryCase(n8n, entry));
		}
		if (memory.length) printMemory(memoryResults);

		// Not in the default run: n8n in queue mode with Redis and 2 workers (see queueMode.ts).
		const queueFailed =
			flags.queue && !(await runQueueMode(runtime, n8n, sim, queueDatabase, logDir, log)) ? 1 : 0;

		// The polling trigger needs n8n start: n8n execute never polls (see pollMode.ts).
		const pollFailed =
			selected('polling trigger') &&
			pollSchedulers.length &&
			!(await runPollMode(runtime, n8n, sim, pollSchedulers, logDir, log))
				? 1
				: 0;

		// The webhook trigger needs n8n start too, and a simulator of its own (see webhookMode.ts).
		const webhookFailed =
			selected('webhook trigger') &&
			webhookModes.length &&
			!(await runWebhookMode(runtime, n8n, webhookModes, logDir, log))
				? 1
				: 0;

		const failed =
			results.filter((result) => result.status === 'FAIL').length +
			queueFailed +
			pollFailed +
			webhookFailed;
		log();
		log(
			`${failed ? `${failed} FAILED` : 'all passed'}: ${results.filter((result) => result.status === 'pass').length} passed, ${results.filter((result) => result.status === 'skip').length} skipped, in ${seconds(performance.now() - started)} (logs: ${logDir})`,
		);
		return failed ? 1 : 0;
	} finally {
		await sim?.close();
		await model.close();
	}
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
