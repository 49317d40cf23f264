import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../..');

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : files(path);
		return /\.(ts|mts|md)$/.test(name) ? [path] : [];
	});
}

describe('one name per idea', () => {
	it('one call to a connection is a "call": never an exchange or a dispatch (undici\'s Dispatcher is its own idea)', () => {
		const sources = [
			...files(join(root, 'nodes')),
			...files(join(root, 'test')),
			...files(join(root, 'docs')),
		].filter((path) => path !== __filename);
		const offending = sources.flatMap((path) =>
			readFileSync(path, 'utf8')
				.split('\n')
				.map((line, index) => ({ line, index }))
				.filter(({ line }) => /exchange|dispatch(?!er)/i.test(line))
				.map(({ index }) => `${relative(root, path)}:${index + 1}`),
		);
		expect(offending).toEqual([]);
	});
});
