import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

import type { IRun } from 'n8n-workflow';

import { cleanEnv, exec, execOrThrow } from './exec';
import type { Runtime } from './runtime';

export interface WorkflowJson {
	id: string;
	name: string;
	nodes: Array<
		Record<string, unknown> & { name: string; type: string; parameters: Record<string, unknown> }
	>;
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	pinData?: Record<string, Array<{ json: Record<string, unknown> }>>;
}

/** What the probe (probe.mjs) saw inside the n8n process. */
export interface ProbeReport {
	/** Folders of every n8n-workflow and undici copy the process loaded. */
	loaded: Record<string, string[]>;
	memory?: {
		atMark: { rss: number; heapUsed: number; arrayBuffers: number };
		peakSinceMark: number;
		peakSource: string;
		timeline?: number[][];
	};
	/** The first process.exit with a non-zero code, and its stack. */
	exit?: { code: number; stack: string };
	/** With E2E_CPU_TIMELINE: [Date.now(), CPU microseconds of the process] every 5 ms. */
	cpu?: Array<[number, number]>;
}

export interface Execution {
	/** `n8n execute` exit code: 0 when the workflow succeeded. */
	code: number;
	/** Wall time of the whole `n8n execute` process, start-up included. */
	processMs: number;
	run?: IRun;
	probe?: ProbeReport;
	output: string;
}

const PROBE = pathToFileURL(join(__dirname, 'probe.mjs')).href;

/**
 * `n8n execute` prints the run as indented JSON, after log lines (and, on failure, after a banner). The task
 * runner n8n starts writes to the same stdout, so one of its log lines can land inside a large run's JSON: every
 * line of the JSON but its braces is indented, so an unindented line in between is such a log line and is dropped.
 */
function parseRun(stdout: string): IRun | undefined {
	const start = stdout.indexOf('\n{\n');
	if (start === -1) return undefined;
	const end = stdout.indexOf('\n}\n', start);
	const text = stdout.slice(start + 1, end === -1 ? undefined : end + 2);
	try {
		return JSON.parse(text) as IRun;
	} catch {
		try {
			const lines = text.split('\n');
			const json = lines.filter(
				(line) => line === '{' || line === '}' || line === '' || /^\s/.test(line),
			);
			return JSON.parse(json.join('\n')) as IRun;
		} catch {
			return undefined;
		}
	}
}

/** The n8n CLI with one user folder (database, encryption key, nodes/ and binary data). */
export class N8nCli {
	private readonly importDir: string;

	constructor(
		private readonly runtime: Runtime,
		readonly userFolder: string,
	) {
		this.importDir = join(userFolder, 'import');
		mkdirSync(this.importDir, { recursive: true });
	}

	env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
		return cleanEnv({
			PATH: `${this.runtime.nodeBinDir}${delimiter}${process.env.PATH}`,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: 'n8n-nodes-unified-e2e-key',
			N8N_LOG_LEVEL: 'info',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
			DB_TYPE: 'sqlite',
			...extra,
		});
	}

	private async cli(args: string[], extraEnv: NodeJS.ProcessEnv = {}, stdoutFile?: string) {
		return await exec(this.runtime.node, [this.runtime.n8nBin, ...args], {
			env: this.env(extraEnv),
			stdoutFile,
		});
	}

	async importCredentials(credentials: object[]): Promise<void> {
		const file = join(this.importDir, 'credentials.json');
		writeFileSync(file, JSON.stringify(credentials));
		await execOrThrow(
			this.runtime.node,
			[this.runtime.n8nBin, 'import:credentials', `--input=${file}`],
			{ env: this.env() },
		);
	}

	async importWorkflows(workflows: WorkflowJson[]): Promise<void> {
		const file = join(this.importDir, 'workflows.json');
		writeFileSync(file, JSON.stringify(workflows));
		await execOrThrow(
			this.runtime.node,
			[this.runtime.n8nBin, 'import:workflow', `--input=${file}`],
			{ env: this.env() },
		);
	}

	/**
	 * `n8n executeBatch`: the workflows at once (`--concurrency` = their number) in one n8n process, so they share
	 * what the process shares. Returns each run (its snapshot) by workflow id, and the command's output.
	 */
	async executeBatch(
		ids: string[],
	): Promise<{ runs: Record<string, IRun | undefined>; output: string }> {
		const snapshots = join(this.importDir, `batch-${ids.join('-')}`);
		rmSync(snapshots, { recursive: true, force: true });
		mkdirSync(snapshots, { recursive: true });
		const result = await this.cli(
			[
				'executeBatch',
				`--ids=${ids.join(',')}`,
				`--concurrency=${ids.length}`,
				'--retries=0',
				`--snapshot=${snapshots}`,
			],
			{},
			join(this.importDir, `stdout-batch.txt`),
		);
		const runs: Record<string, IRun | undefined> = {};
		for (const id of ids) {
			try {
				runs[id] = JSON.parse(readFileSync(join(snapshots, `${id}-snapshot.json`), 'utf8')) as IRun;
			} catch {
				runs[id] = undefined;
			}
		}
		return { runs, output: result.stdout + result.stderr };
	}

	/** `n8n execute --id=<id> --rawOutput`, with the probe loaded into the process (see probe.mjs). */
	async execute(id: string, probeEnv: NodeJS.ProcessEnv = {}): Promise<Execution> {
		const probeFile = join(this.importDir, `probe-${id}.json`);
		rmSync(probeFile, { force: true });
		const result = await this.cli(
			['execute', `--id=${id}`, '--rawOutput'],
			{ NODE_OPTIONS: `--import ${PROBE}`, E2E_PROBE_FILE: probeFile, ...probeEnv },
			join(this.importDir, `stdout-${id}.txt`),
		);
		let probe: ProbeReport | undefined;
		try {
			probe = JSON.parse(readFileSync(probeFile, 'utf8')) as ProbeReport;
		} catch {
			probe = undefined;
		}
		const output = result.stdout + result.stderr;
		return { code: result.code, processMs: result.ms, run: parseRun(result.stdout), probe, output };
	}
}
