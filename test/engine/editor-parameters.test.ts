import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { PackageDirectoryLoader } from 'n8n-core';
import {
	NodeHelpers,
	type INode,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
} from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { PACKAGE_ROOT } from '../harness/engine';

/**
 * n8n's editor computes a node's parameters with n8n-workflow's getNodeParameters whenever a workflow opens or a
 * value changes; a throw there is "Problem opening workflow" (an empty canvas) and a choice the editor ignores.
 * So every choice of every top-level option and boolean, alone, must compute, with and without defaults, as the
 * editor and the saved workflow ask for them.
 */

interface PackageJson {
	n8n: { nodes: string[] };
}

function nodeNamesOfThePackage(): string[] {
	const manifest = JSON.parse(
		readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8'),
	) as PackageJson;
	return manifest.n8n.nodes.map((file) =>
		file
			.split('/')
			.pop()!
			.replace(/\.node\.js$/, ''),
	);
}

/** Each value a user can pick for a top-level option or boolean. */
function choices(property: INodeProperties): unknown[] {
	if (property.type === 'boolean') return [true, false];
	if (property.type === 'options')
		return (property.options ?? []).map((option) => ('value' in option ? option.value : undefined));
	return [];
}

describe('every choice of every top-level option computes in the editor', async () => {
	const loader = new PackageDirectoryLoader(PACKAGE_ROOT);
	await loader.loadAll();
	const nodeNames = nodeNamesOfThePackage();

	it('covers every node the package declares', () => {
		expect(nodeNames.length).toBeGreaterThanOrEqual(2);
		for (const file of nodeNames) expect(loader.nodeTypes).toHaveProperty([lowerFirst(file)]);
	});

	for (const file of nodeNames) {
		const name = lowerFirst(file);
		describe(name, () => {
			const nodeType = () => loader.getNode(name).type as INodeType;

			it('computes the parameters of an empty node (a node just added)', () => {
				expect(() => compute(nodeType(), {}, true)).not.toThrow();
				expect(() => compute(nodeType(), {}, false)).not.toThrow();
			});

			it('computes each value of each top-level option and boolean alone, with and without defaults', () => {
				const { properties } = nodeType().description;
				const pickable = properties.filter((property) => choices(property).length > 0);
				expect(pickable.length).toBeGreaterThan(0);
				const failures: string[] = [];
				for (const property of pickable) {
					for (const value of choices(property)) {
						for (const returnDefaults of [true, false]) {
							try {
								const parameters = compute(
									nodeType(),
									{ [property.name]: value } as INodeParameters,
									returnDefaults,
								);
								// The editor keeps the choice: it must not be replaced by another value.
								if (parameters?.[property.name] !== undefined)
									expect(parameters[property.name]).toEqual(value);
							} catch (error) {
								failures.push(
									`${property.name}=${String(value)} (defaults ${returnDefaults}): ${(error as Error).message}`,
								);
							}
						}
					}
				}
				expect(failures).toEqual([]);
			});
		});
	}
});

function lowerFirst(text: string): string {
	return text.charAt(0).toLowerCase() + text.slice(1);
}

function compute(nodeType: INodeType, values: INodeParameters, returnDefaults: boolean) {
	const node: INode = {
		id: 'editor-parameters',
		name: nodeType.description.displayName,
		type: `n8n-nodes-unified.${nodeType.description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: values,
	};
	return NodeHelpers.getNodeParameters(
		nodeType.description.properties,
		values,
		returnDefaults,
		false,
		node,
		nodeType.description,
	);
}
