import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

import { describe, expect, it } from 'vitest';

import * as errors from '../../../../nodes/Unified/core/errors';

const root = join(__dirname, '../../../..');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return name.endsWith('.ts') ? [path] : [];
	});
}

const files = [...sourceFiles(join(root, 'nodes')), ...sourceFiles(join(root, 'credentials'))].map(
	(path) => ({
		path: relative(root, path).split('\\').join('/'),
		text: readFileSync(path, 'utf8'),
	}),
);
const inErrors = (path: string) => path.startsWith('nodes/Unified/core/errors/');

describe('errors are built in one place (core/errors/)', () => {
	it("n8n's error classes are named only by the one conversion, toNodeError.ts", () => {
		const naming = files
			.filter(({ text }) => /\bNode(?:Api|Operation)Error\b/.test(text))
			.map(({ path }) => path)
			.filter((path) => !inErrors(path));
		expect(naming).toEqual([]);
		const constructing = files
			.filter(({ text }) => /\bnew\s+Node(?:Api|Operation)Error\b/.test(text))
			.map(({ path }) => path);
		expect(constructing).toEqual(['nodes/Unified/core/errors/toNodeError.ts']);
	});

	it('every error kind (a class extending Error) lives in core/errors/', () => {
		const kinds = files
			.filter(({ text }) => /\bextends\s+(?:Error|RangeError|TypeError)\b/.test(text))
			.map(({ path }) => path)
			.filter((path) => !inErrors(path));
		// A private signal inside one stream pipeline, caught where it is thrown and never shown to a user.
		expect(kinds).toEqual(['nodes/Unified/core/response/expansionGuard.ts']);
	});

	it('the node folders take kinds and the conversion from the public surface, never a file inside it', () => {
		const deep = files
			.filter(({ path }) => !path.includes('/core/'))
			.filter(({ text }) => /from '(?:\.\.\/)+core\/errors\/[^']+'/.test(text))
			.map(({ path }) => path);
		expect(deep).toEqual([]);
	});

	it('the public surface is small: three kinds, the local failure and the conversion', () => {
		expect(Object.keys(errors).sort()).toEqual([
			'OperationFailure',
			'ParameterError',
			'PassthroughFailure',
			'errorItem',
			'localFailure',
			'toNodeError',
		]);
	});

	it('core/errors/ imports nothing from the rest of core but shared/ (every folder can use it)', () => {
		const imports = files
			.filter(({ path }) => inErrors(path))
			.flatMap(({ path, text }) =>
				[...text.matchAll(/from '(\.\.\/[^']+)'/g)].map((match) => `${path}: ${match[1]}`),
			)
			.filter((line) => !/: \.\.\/shared\//.test(line));
		expect(imports).toEqual([]);
	});
});
