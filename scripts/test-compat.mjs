// npm run test:compat: runs the example workflows (and the engine tests that apply) through the latest
// n8n-core / n8n-workflow 1.x, the line many self-hosted users still run.
//
// The built package is installed the way n8n installs a community package: package.json + dist/ under
// <tmp>/node_modules/n8n-nodes-unified, next to n8n-workflow 1.x (its peer) and undici, so dist/'s
// require('n8n-workflow') gets the 1.x copy, exactly as it would inside n8n 1.x.
import { execFileSync } from 'node:child_process';
import {
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const undiciVersion = JSON.parse(
	readFileSync(join(root, 'node_modules/undici/package.json'), 'utf8'),
).version;
const keep = process.argv.includes('--keep');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (command, args, options = {}) =>
	execFileSync(command, args, { stdio: 'inherit', cwd: root, ...options });

// N8N_COMPAT_DIR reuses a host folder between runs (it is never deleted); by default a fresh temporary one.
const given = process.env.N8N_COMPAT_DIR?.trim();
const dir = given ? resolve(given) : mkdtempSync(join(tmpdir(), 'n8n-unified-compat-'));
mkdirSync(dir, { recursive: true });
try {
	if (!existsSync(join(dir, 'package.json')))
		writeFileSync(
			join(dir, 'package.json'),
			JSON.stringify({ name: 'compat-host', private: true }),
		);
	console.log(`Installing n8n-core@^1, n8n-workflow@^1 and undici@${undiciVersion} into ${dir}`);
	run(
		npm,
		[
			'install',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--loglevel=error',
			'n8n-core@^1',
			'n8n-workflow@^1',
			`undici@${undiciVersion}`,
		],
		{ cwd: dir },
	);

	const host = createRequire(join(dir, 'package.json'));
	const fromCore = createRequire(host.resolve('n8n-core/package.json'));
	if (fromCore.resolve('n8n-workflow') !== host.resolve('n8n-workflow')) {
		throw new Error(
			'n8n-core 1.x brought its own n8n-workflow: the versions do not pair, so the test would not be meaningful',
		);
	}
	const versions = {
		'n8n-core': host('n8n-core/package.json').version,
		'n8n-workflow': host('n8n-workflow/package.json').version,
	};
	console.log(
		`Testing against ${Object.entries(versions)
			.map(([name, version]) => `${name} ${version}`)
			.join(', ')}`,
	);

	run(npm, ['run', 'build']);
	const installed = join(dir, 'node_modules', pkg.name);
	rmSync(installed, { recursive: true, force: true });
	mkdirSync(installed, { recursive: true });
	cpSync(join(root, 'package.json'), join(installed, 'package.json'));
	cpSync(join(root, 'dist'), join(installed, 'dist'), { recursive: true });

	run(
		process.execPath,
		[join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'vitest.compat.config.mts'],
		{
			env: { ...process.env, N8N_COMPAT_DIR: dir, N8N_COMPAT_PACKAGE_ROOT: installed },
		},
	);
	console.log(
		`test:compat passed with ${Object.entries(versions)
			.map(([name, version]) => `${name} ${version}`)
			.join(', ')}`,
	);
} finally {
	if (!keep && !given) rmSync(dir, { recursive: true, force: true });
}
