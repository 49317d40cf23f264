import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { SIM_WEBHOOK_SECRET } from './index';

// `npm run simulator` with the webhook flags the e2e run passes (bench/support/simulatorProcess.ts).
const CLI = join(__dirname, 'cli.ts');

/** Runs the CLI until it has printed `until` (then stops it) or exits; its output and exit code. */
function runCli(args: string[], until?: RegExp): Promise<{ output: string; code: number | null }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0', ...args], {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		const read = (chunk: Buffer) => {
			output += chunk.toString();
			if (until?.test(output)) child.kill();
		};
		child.stdout.on('data', read);
		child.stderr.on('data', read);
		child.on('exit', (code) => resolve({ output, code }));
	});
}

describe('the simulator CLI', () => {
	it('prints the webhook secret beside the key, the default or --webhook-secret', async () => {
		const [byDefault, given] = await Promise.all([
			runCli([], /Press Ctrl\+C/),
			runCli(['--webhook-secret', 'my-secret', '--webhook-tick-ms', '50'], /Press Ctrl\+C/),
		]);
		expect(byDefault.output).toContain(`Webhook secret:    ${SIM_WEBHOOK_SECRET}`);
		expect(given.output).toContain('Webhook secret:    my-secret');
	});

	it.each([
		['--webhook-retry-unit-ms', '0', 1],
		['--webhook-retries', '-1', 0],
		['--webhook-tick-ms', '2147483648', 1],
	])('refuses %s %s, naming the flag', async (name, value, min) => {
		const { output, code } = await runCli([name, value]);
		expect(code).toBe(2);
		expect(output).toContain(
			`${name} must be a whole number from ${min} to 2147483647, not "${value}"`,
		);
	});
});
