import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	NodeHelpers,
	type INode,
	type INodeParameters,
	type INodeProperties,
	type INodePropertyCollection,
	type INodeType,
} from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { loadPackage, PACKAGE_ROOT } from '../harness/engine';

/**
 * What a seasoned n8n user sees in the editor: fields in the order they are filled in, only the ones that apply,
 * no label cut off. Checked on the built description with n8n's own display logic.
 */

/** The widest label the node panel shows whole (Inter 14px in a 320-360px column, measured in n8n 2.41). */
const MAX_LABEL = 28;
/** Inside a fixed collection within Options the column is narrower: "Retry Non-Idempoten…" was cut at 19. */
const MAX_NESTED_LABEL = 18;
/**
 * Issue 11's label, named in the README and in its error messages ("see Rate Limit Stall"). npm run editor-check
 * shows it whole at 1440x1000, hovered too; a narrower panel may cut its "(Ms)".
 */
const LONGER_ON_PURPOSE = new Set(['Rate Limit Stall (Ms)']);
/** The resource locator's mode picker: "By Exter…" was cut, n8n's own "From List" shows whole. */
const MAX_MODE_LABEL = 9;

describe('the editor, as n8n shows the built description', async () => {
	const pkg = await loadPackage();
	const node = pkg.node as INodeType;
	const { properties } = node.description;
	const options = properties.find((property) => property.name === 'options')!
		.options as INodeProperties[];
	const option = (name: string) => options.find((candidate) => candidate.name === name)!;
	const settingsOf = (name: string) =>
		((option(name).options ?? []) as INodePropertyCollection[]).find(
			(group) => group.name === 'settings',
		)!.values;
	const NODE = { typeVersion: 1 } as INode;

	/** The fields n8n shows for these settings values, in order (defaults filled in as the editor does). */
	function shownFields(fields: INodeProperties[], values: INodeParameters): string[] {
		const withDefaults = NodeHelpers.getNodeParameters(
			fields,
			values,
			true,
			false,
			NODE,
			node.description,
		);
		return fields
			.filter((field) =>
				NodeHelpers.displayParameter(withDefaults ?? values, field, NODE, node.description),
			)
			.map((field) => field.name);
	}

	describe('pagination settings', () => {
		const fields = settingsOf('pagination');

		it('shows Mode first, and nothing else while it is Off', () => {
			expect(fields[0].name).toBe('mode');
			expect(shownFields(fields, { mode: 'off' })).toEqual(['mode']);
			expect(option('pagination').default).toEqual({ settings: { mode: 'off' } });
			expect((fields[0].options ?? []).map((mode) => (mode as { value: string }).value)[0]).toBe(
				'off',
			);
		});

		it('shows a preset with only what applies to every mode', () => {
			for (const mode of ['hubspot', 'slack', 'salesforce', 'linkHeader'])
				expect(shownFields(fields, { mode }), mode).toEqual([
					'mode',
					'output',
					'recordsPath',
					'maxPages',
				]);
		});

		it("shows a generic mode's own fields right after Mode", () => {
			expect(shownFields(fields, { mode: 'cursor' })).toEqual([
				'mode',
				'cursorPath',
				'cursorParameter',
				'parameterIn',
				'output',
				'recordsPath',
				'maxPages',
			]);
			expect(shownFields(fields, { mode: 'nextUrl' })).toEqual([
				'mode',
				'nextUrlPath',
				'output',
				'recordsPath',
				'maxPages',
			]);
			expect(shownFields(fields, { mode: 'offset' })).toEqual([
				'mode',
				'offsetType',
				'offsetParameter',
				'firstOffset',
				'pageSize',
				'limitParameter',
				'parameterIn',
				'output',
				'recordsPath',
				'maxPages',
			]);
			expect(shownFields(fields, { mode: 'offset', offsetType: 'page' })).toContain('firstPage');
			expect(shownFields(fields, { mode: 'offset', offsetType: 'page' })).not.toContain(
				'firstOffset',
			);
		});
	});

	describe('retry', () => {
		it('shows its settings with their values as soon as the option is added', () => {
			const fields = settingsOf('retry');
			const shown = (option('retry').default as { settings: Record<string, unknown> }).settings;
			// Every field's own default, so adding the option changes nothing but makes it visible.
			for (const [name, value] of Object.entries(shown))
				expect(value, name).toEqual(fields.find((field) => field.name === name)!.default);
			expect(Object.keys(shown)).toEqual(
				expect.arrayContaining(['maxRetries', 'retryOn', 'maxWaitMs', 'retryNonIdempotent']),
			);
		});

		it('puts Max Retries first and says that 0 turns retrying off', () => {
			const [first] = settingsOf('retry');
			expect(first.name).toBe('maxRetries');
			expect(first.hint).toMatch(/0 turns retrying off/);
			expect(option('retry').description).toMatch(/Max Retries 0 turns off/);
		});
	});

	describe('labels', () => {
		type Label = { where: string; label: string; max: number };
		function labels(): Label[] {
			const found: Label[] = [];
			const walk = (list: INodeProperties[], where: string, max: number) => {
				for (const property of list) {
					found.push({ where: `${where}${property.name}`, label: property.displayName, max });
					for (const mode of property.modes ?? [])
						found.push({
							where: `${where}${property.name} mode ${mode.name}`,
							label: mode.displayName,
							max: MAX_MODE_LABEL,
						});
					if (property.type === 'collection')
						walk((property.options ?? []) as INodeProperties[], `${where}${property.name}.`, max);
					if (property.type === 'fixedCollection') {
						for (const group of (property.options ?? []) as INodePropertyCollection[])
							walk(
								group.values,
								`${where}${property.name}.${group.name}.`,
								where ? MAX_NESTED_LABEL : MAX_LABEL,
							);
					}
				}
			};
			walk(properties, '', MAX_LABEL);
			walk(pkg.credential.properties, 'credential.', MAX_LABEL);
			return found;
		}

		it('are short enough for the node panel to show them whole', () => {
			const tooLong = labels()
				.filter(({ label, max }) => label.length > max && !LONGER_ON_PURPOSE.has(label))
				.map(({ where, label, max }) => `${where}: "${label}" (${label.length} > ${max})`);
			expect(tooLong).toEqual([]);
		});

		it('spell n8n in lower case', () => {
			const text = JSON.stringify(node.description);
			expect(text).not.toContain('N8n');
			expect(text).toContain('n8n Binary File');
		});
	});

	describe('hints where an example helps', () => {
		it("JSON fields show an example (n8n's JSON editor shows no placeholder), Path one per integration", () => {
			for (const name of ['jsonBody', 'jsonQuery', 'jsonHeaders']) {
				const field = properties.find((property) => property.name === name)!;
				expect(field.hint, name).toMatch(/^e\.g\. \{/);
			}
			const path = properties.find((property) => property.name === 'path')!;
			expect(path.hint).toMatch(/HubSpot: \/crm\/v3.*Slack: .*Salesforce: services\/data/);
			expect(option('splitIntoItems').hint).toMatch(
				/HubSpot: results.*Slack.*channels.*Salesforce.*records/,
			);
		});

		it("as a tool, the description field asks for the upstream API's name", () => {
			const field = properties.find((property) => property.name === 'toolDescription')!;
			expect(field).toMatchObject({ default: node.description.description, required: true });
			expect(field.hint).toMatch(/Name the upstream API/);
			const asTool = { ...node.description, name: `${node.description.name}Tool` };
			expect(NodeHelpers.displayParameter({}, field, NODE, node.description)).toBe(false);
			expect(NodeHelpers.displayParameter({}, field, NODE, asTool)).toBe(true);
		});
	});

	describe('package.json links n8n reads', () => {
		const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
			bugs?: { url?: string };
			homepage?: string;
			repository?: { url?: string };
		};

		it("has bugs.url (the node panel's Report issue), homepage and repository", () => {
			expect(manifest.bugs?.url).toMatch(/^https:\/\/github\.com\/.+\/issues$/);
			expect(manifest.homepage).toMatch(/^https:\/\//);
			expect(manifest.repository?.url).toMatch(/^git\+https:\/\/.+\.git$/);
		});
	});
});
