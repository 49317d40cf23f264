import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

export interface ExecResult {
	code: number;
	stdout: string;
	stderr: string;
	ms: number;
}

export interface ExecOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	/** Stream the child's output to this terminal instead of collecting it (long installs). */
	inherit?: boolean;
	/**
	 * Write the child's stdout to this file and read it back when the child exits: Node writes to a pipe
	 * asynchronously, so a large output (n8n execute's run JSON) is cut off when the child calls process.exit while
	 * the parent is slow to read; writes to a file are synchronous.
	 */
	stdoutFile?: string;
}

/** Runs a command to completion; never throws on a non-zero exit (callers decide what a failure means). */
export async function exec(
	command: string,
	args: string[],
	options: ExecOptions = {},
): Promise<ExecResult> {
	const started = performance.now();
	const stdoutFd = options.stdoutFile ? openSync(options.stdoutFile, 'w') : undefined;
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: options.env ?? process.env,
		stdio: options.inherit
			? ['ignore', 'inherit', 'inherit']
			: ['ignore', stdoutFd ?? 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const code = await new Promise<number>((resolve, reject) => {
		child.once('error', reject);
		child.once('close', (exitCode) => resolve(exitCode ?? 1));
	}).finally(() => {
		if (stdoutFd !== undefined) closeSync(stdoutFd);
	});
	if (options.stdoutFile) stdout = readFileSync(options.stdoutFile, 'utf8');
	return { code, stdout, stderr, ms: performance.now() - started };
}

export async function execOrThrow(
	command: string,
	args: string[],
	options: ExecOptions = {},
): Promise<ExecResult> {
	const result = await exec(command, args, options);
	if (result.code !== 0) {
		throw new Error(
			`${command} ${args.join(' ')} exited with ${result.code}\n${result.stderr.slice(-4000) || result.stdout.slice(-4000)}`,
		);
	}
	return result;
}

/**
 * The environment for child npm and n8n processes: `npm run e2e` exports its own configuration as npm_* variables
 * (this repository's .npmrc among them) and NODE_OPTIONS may carry loaders of the parent; neither belongs there.
 */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [name, value] of Object.entries(process.env)) {
		if (!/^npm_/i.test(name) && name !== 'NODE_OPTIONS' && name !== 'INIT_CWD') env[name] = value;
	}
	return { ...env, ...extra };
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
