import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * Vitest globalSetup of the engine tests: they load the built package from dist/, so a dist/ older than the
 * sources would test old code and pass or fail for the wrong reason. Refuses to start unless every file of
 * nodes/ and credentials/ has its built counterpart, no older than it (icons: the same bytes), and
 * package.json's `n8n` section names files that exist. Only stats and a few small reads: `npm test` builds first.
 */
const ROOT = resolve(__dirname, '../..');
const SOURCE_FOLDERS = ['nodes', 'credentials'];
/** Written by tsc on every build; the icons are copied by gulp, which keeps their time, so they are compared by content. */
const COMPILED = /\.(ts|json)$/;

function filesUnder(folder: string): string[] {
	if (!existsSync(folder)) return [];
	return readdirSync(folder, { recursive: true, encoding: 'utf8' })
		.map((entry) => join(folder, entry))
		.filter((path) => statSync(path).isFile());
}

/** Where the build puts a source file: tsc compiles .ts to .js, the other files are copied. */
function builtPath(source: string): string {
	return join(ROOT, 'dist', relative(ROOT, source)).replace(/\.ts$/, '.js');
}

/** What is wrong with dist/, one line per problem; empty when it matches the sources. */
export function staleDistProblems(): string[] {
	if (!existsSync(join(ROOT, 'dist'))) return ['dist/ does not exist'];
	const problems: string[] = [];
	const sources = SOURCE_FOLDERS.flatMap((folder) => filesUnder(join(ROOT, folder)));
	for (const source of sources) {
		const built = builtPath(source);
		const name = relative(ROOT, source);
		if (!existsSync(built)) problems.push(`${name} has no ${relative(ROOT, built)}`);
		else if (
			COMPILED.test(source)
				? statSync(built).mtimeMs < statSync(source).mtimeMs
				: !readFileSync(built).equals(readFileSync(source))
		) {
			problems.push(`${name} changed after ${relative(ROOT, built)} was built`);
		}
	}
	const built = new Set(sources.map(builtPath));
	for (const file of SOURCE_FOLDERS.flatMap((folder) => filesUnder(join(ROOT, 'dist', folder)))) {
		if (file.endsWith('.js') && !built.has(file))
			problems.push(`${relative(ROOT, file)} has no source any more`);
	}
	const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
		n8n?: { nodes?: string[]; credentials?: string[] };
	};
	for (const path of [...(manifest.n8n?.nodes ?? []), ...(manifest.n8n?.credentials ?? [])]) {
		if (!existsSync(join(ROOT, path)))
			problems.push(`package.json's n8n section names ${path}, which does not exist`);
	}
	return problems;
}

export default function checkDist(): void {
	const problems = staleDistProblems();
	if (problems.length === 0) return;
	const shown = problems.slice(0, 5).map((problem) => `  - ${problem}`);
	if (problems.length > shown.length) shown.push(`  - and ${problems.length - shown.length} more`);
	throw new Error(
		`The engine tests load the package from dist/, which does not match the sources:\n${shown.join('\n')}\nRun \`npm run build\` first (npm test does).`,
	);
}
