import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** The simulator in its own process, so only the n8n side's memory is measured. */
export async function simulatorProcess(): Promise<{
	baseUrl: string;
	apiKey: string;
	close(): Promise<void>;
}> {
	const child = spawn(
		process.execPath,
		['--import', 'tsx', join(__dirname, '../../test/simulator/cli.ts'), '--port', '0'],
		{
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	let output = '';
	await new Promise<void>((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			if (/API key:/.test(output)) resolve();
		});
	});
	return {
		baseUrl: /Base URL:\s+(\S+)/.exec(output)![1],
		apiKey: /API key:\s+(\S+)/.exec(output)![1],
		close: async () => {
			child.removeAllListeners('exit');
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill();
			await exited;
		},
	};
}
