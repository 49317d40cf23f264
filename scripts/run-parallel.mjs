// Runs npm scripts at the same time and fails if any fails: `node scripts/run-parallel.mjs build lint typecheck`.
// Each script's output is held and printed whole when it ends, so the outputs never interleave.
import { spawn } from 'node:child_process';

const names = process.argv.slice(2);
if (names.length === 0) {
	console.error('Usage: node scripts/run-parallel.mjs <npm script> [<npm script> ...]');
	process.exit(2);
}

function run(name) {
	return new Promise((resolve) => {
		const started = Date.now();
		// A shell on Windows only, where npm is npm.cmd; the names come from package.json, not from users.
		const child = spawn('npm', ['run', name], {
			shell: process.platform === 'win32',
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const output = [];
		child.stdout.on('data', (chunk) => output.push(chunk));
		child.stderr.on('data', (chunk) => output.push(chunk));
		let finished = false;
		const finish = (code, error) => {
			// 'error' (npm could not start) may be followed by 'close': report once.
			if (finished) return;
			finished = true;
			const seconds = ((Date.now() - started) / 1000).toFixed(1);
			const ok = code === 0;
			process.stdout.write(`\n> ${name}: ${ok ? 'ok' : 'FAILED'} (${seconds} s)\n`);
			process.stdout.write(Buffer.concat(output));
			if (error) process.stdout.write(`${error.message}\n`);
			resolve(ok);
		};
		child.on('error', (error) => finish(1, error));
		child.on('close', (code) => finish(code));
	});
}

const results = await Promise.all(names.map(run));
const failed = names.filter((_, index) => !results[index]);
if (failed.length > 0) {
	console.error(`\nFailed: ${failed.join(', ')}`);
	process.exit(1);
}
