import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

const nodesRoot = join(__dirname, '../../nodes/Unified');

/** docs/architecture.md's order, top to bottom: a folder imports only folders of a later row. */
const CORE_ORDER = [
	['caller'],
	['runtime'],
	['description', 'methods'],
	['call'],
	['pagination'],
	['response'],
	['transport'],
	['request'],
	['errors'],
	['shared'],
];

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return files(path);
		return name.endsWith('.ts') ? [path] : [];
	});
}

/** `core/<folder>` for the core, the node's folder otherwise. */
function folderOf(path: string): string {
	const [top, second] = relative(nodesRoot, path).split(/[\\/]/);
	return top === 'core' ? `core/${second}` : top;
}

const edges = files(nodesRoot).flatMap((path) =>
	[...readFileSync(path, 'utf8').matchAll(/from '(\.[^']+)'/g)].map((match) => ({
		file: relative(nodesRoot, path),
		from: folderOf(path),
		to: folderOf(resolve(dirname(path), match[1])),
	})),
);

function level(folder: string): number {
	return CORE_ORDER.findIndex((row) => row.includes(folder.replace(/^core\//, '')));
}

describe('imports point one way', () => {
	it('every core folder is in the documented order', () => {
		const folders = new Set(files(join(nodesRoot, 'core')).map(folderOf));
		expect([...folders].filter((folder) => level(folder) < 0)).toEqual([]);
	});

	it('a node folder imports the core, never another node folder; the core imports no node folder', () => {
		const wrong = edges
			.filter(({ from, to }) => from !== to)
			.filter(({ to }) => !to.startsWith('core/'))
			.map(({ file, to }) => `${file} -> ${to}`);
		expect(wrong).toEqual([]);
	});

	it('inside the core, a folder imports only folders below it', () => {
		const upward = edges
			.filter(({ from, to }) => from.startsWith('core/') && to.startsWith('core/') && from !== to)
			.filter(({ from, to }) => level(to) <= level(from))
			.map(({ file, to }) => `${file} -> ${to}`);
		expect(upward).toEqual([]);
	});
});
