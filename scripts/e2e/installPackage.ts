import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { PACKAGE_NAME, REPO_ROOT } from './config';
import { cleanEnv, execOrThrow } from './exec';

/**
 * How the package gets into `<N8N_USER_FOLDER>/.n8n/nodes`:
 * - `installer`: what n8n's Community Nodes installer does (CommunityPackagesService.downloadPackage);
 * - `manual`: the README's manual instruction, `npm install --omit=peer <package>` in that folder.
 */
export type InstallMode = 'installer' | 'manual';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** `npm pack` of the working tree (dist/ must be built); returns the tarball's path. */
export async function packPackage(destination: string): Promise<string> {
	mkdirSync(destination, { recursive: true });
	const { stdout } = await execOrThrow(npm, ['pack', '--json', '--pack-destination', destination], {
		cwd: REPO_ROOT,
		env: cleanEnv(),
	});
	const [packed] = JSON.parse(stdout) as Array<{ filename: string }>;
	return join(destination, packed.filename);
}

async function installLikeTheInstaller(
	tarball: string,
	nodesDir: string,
	env: NodeJS.ProcessEnv,
): Promise<void> {
	const packageDir = join(nodesDir, 'node_modules', PACKAGE_NAME);
	mkdirSync(packageDir, { recursive: true });
	await execOrThrow('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
	const manifestPath = join(packageDir, 'package.json');
	const {
		devDependencies: _dev,
		peerDependencies: _peer,
		optionalDependencies: _optional,
		...manifest
	} = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
	writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
	await execOrThrow(
		npm,
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
		],
		{ cwd: packageDir, env },
	);
	// The installer then records the package in the nodes folder's package.json (updatePackageJsonDependency).
	writeFileSync(
		join(nodesDir, 'package.json'),
		JSON.stringify(
			{
				name: 'installed-nodes',
				private: true,
				dependencies: { [PACKAGE_NAME]: manifest.version },
			},
			null,
			2,
		),
	);
}

async function installManually(
	tarball: string,
	nodesDir: string,
	env: NodeJS.ProcessEnv,
): Promise<void> {
	writeFileSync(
		join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true }, null, 2),
	);
	await execOrThrow(
		npm,
		['install', '--omit=peer', '--no-audit', '--no-fund', '--loglevel=error', tarball],
		{ cwd: nodesDir, env },
	);
}

/** Installs the tarball into `<userFolder>/.n8n/nodes` and checks that n8n-workflow was not installed beside n8n's own. */
export async function installPackage(
	mode: InstallMode,
	tarball: string,
	userFolder: string,
	nodeBinPath: string,
): Promise<string> {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	const env = cleanEnv({ PATH: nodeBinPath });
	if (mode === 'installer') await installLikeTheInstaller(tarball, nodesDir, env);
	else await installManually(tarball, nodesDir, env);
	for (const copy of [
		join(nodesDir, 'node_modules', 'n8n-workflow'),
		join(nodesDir, 'node_modules', PACKAGE_NAME, 'node_modules', 'n8n-workflow'),
	]) {
		if (existsSync(copy))
			throw new Error(`the ${mode} install put a second n8n-workflow in ${copy}`);
	}
	return nodesDir;
}
