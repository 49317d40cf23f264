import {
	NodeHelpers,
	type INode,
	type INodeParameters,
	type INodeProperties,
	type INodePropertyCollection,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { loadPackage } from '../harness/engine';
import { nodeSubtitle } from '../harness/subtitle';

/**
 * The node panels as a seasoned n8n user meets them (issue 19 items 4-7 and 10-13), decided on the built
 * descriptions by n8n-workflow's own display and expression logic. `npm run editor-check` shows them in n8n.
 */

const NODE = { typeVersion: 1 } as INode;

describe('the node panels, as n8n shows the built descriptions', async () => {
	const { loader } = await loadPackage();
	const action = loader.getNode('unifiedPassthrough').type as INodeType;
	const trigger = loader.getNode('unifiedPassthroughTrigger').type as INodeType;
	// The "<name>Tool" variant n8n's loader derives from a `usableAsTool` node: "@tool" is true for it.
	const tool = { ...action.description, name: `${action.description.name}Tool` };

	const optionsOf = (description: INodeTypeDescription) =>
		description.properties.find((property) => property.name === 'options')!;
	const actionOption = (name: string) =>
		(optionsOf(action.description).options as INodeProperties[]).find(
			(option) => option.name === name,
		)!;

	/** The top-level properties n8n shows for these values (defaults filled in as the editor does). */
	function shown(description: INodeTypeDescription, values: INodeParameters): INodeProperties[] {
		const withDefaults =
			NodeHelpers.getNodeParameters(
				description.properties,
				values,
				true,
				false,
				NODE,
				description,
			) ?? values;
		return description.properties.filter((property) =>
			NodeHelpers.displayParameter(withDefaults, property, NODE, description),
		);
	}
	const shownOne = (description: INodeTypeDescription, values: INodeParameters, name: string) => {
		const found = shown(description, values).filter((property) => property.name === name);
		expect(found, name).toHaveLength(1);
		return found[0];
	};

	describe('item 4: the tool panel says when the model may pick the connection', () => {
		it('as a tool, Connection names the opt-in where "let the model define this" is clicked', () => {
			const connection = shownOne(tool, {}, 'connection');
			expect(connection.hint).toMatch(/Let Model Pick Connection/);
			expect(connection.hint).toMatch(/refused/);
			expect(connection.type).toBe('resourceLocator');
			// Expressions stay allowed: a tool may read the customer from an earlier node.
			expect(connection.noDataExpression).toBeFalsy();
		});

		it('outside a tool, and on the trigger, Connection has no such hint', () => {
			expect(shownOne(action.description, {}, 'connection').hint).toBeUndefined();
			expect(shownOne(trigger.description, {}, 'connection').hint).toBeUndefined();
		});

		it('every copy of Connection keeps the same name, modes and default (saved workflows read the same)', () => {
			const copies = action.description.properties.filter(
				(property) => property.name === 'connection',
			);
			expect(copies.length).toBeGreaterThan(1);
			for (const copy of copies) {
				expect(copy.default).toEqual(copies[0].default);
				expect(copy.modes).toEqual(copies[0].modes);
			}
		});
	});

	describe('item 5: one node-panel entry for the trigger and the action node', () => {
		// n8n's node creator (useActionsGenerator.generateMergedNodesAndActions) merges a trigger into the entry of
		// the node named like it without "Trigger" only when that node has actions: its `operation` options.
		it('the action node has an operation with an action, the trigger is its "<name>Trigger"', () => {
			expect(trigger.description.name).toBe(`${action.description.name}Trigger`);
			expect(trigger.description.group).toContain('trigger');
			expect(action.description.group).not.toContain('trigger');
			const operation = action.description.properties.find(
				(property) => property.name.toLowerCase() === 'operation',
			);
			const actions = (operation?.options ?? []) as INodePropertyOptions[];
			expect(actions.length).toBeGreaterThan(0);
			expect(actions[0].action).toMatch(/^Call an API/);
		});

		it('the operation is never shown and does not change what the node does', () => {
			const operation = action.description.properties.find(
				(property) => property.name === 'operation',
			)!;
			expect(operation.type).toBe('hidden');
			expect(operation.default).toBe('call');
		});
	});

	describe('item 6: the trigger subtitle shows labels, not saved values', () => {
		const subtitle = (values: INodeParameters) =>
			nodeSubtitle(trigger, 'n8n-nodes-unified.unifiedPassthroughTrigger', values);

		it('reads "HubSpot: New or Updated", "Custom Endpoint: New", "Slack: New"', () => {
			expect(subtitle({})).toBe('HubSpot: New or Updated');
			expect(subtitle({ source: 'salesforce', event: 'new' })).toBe('Salesforce: New');
			expect(subtitle({ source: 'custom', event: 'newOrUpdated' })).toBe(
				'Custom Endpoint: New or Updated',
			);
			expect(subtitle({ source: 'slack' })).toBe('Slack: New');
			// A Slack trigger saved with "New or Updated" runs as New (item 11), and says so.
			expect(subtitle({ source: 'slack', event: 'newOrUpdated' })).toBe('Slack: New');
		});
	});

	describe('item 7: Batching and Optimize Response show their settings when added', () => {
		const settingsOf = (name: string) =>
			((actionOption(name).options ?? []) as INodePropertyCollection[]).find(
				(group) => group.name === 'settings',
			)!.values;

		function shownSettings(name: string, values: INodeParameters): string[] {
			const fields = settingsOf(name);
			const withDefaults =
				NodeHelpers.getNodeParameters(fields, values, true, false, NODE, action.description) ??
				values;
			return fields
				.filter((field) =>
					NodeHelpers.displayParameter(withDefaults, field, NODE, action.description),
				)
				.map((field) => field.name);
		}

		it('each fixedCollection option has a default with its settings (not "Currently no items exist")', () => {
			for (const option of optionsOf(action.description).options as INodeProperties[]) {
				if (option.type !== 'fixedCollection') continue;
				expect(Object.keys(option.default as object), option.name).toEqual(['settings']);
			}
			expect(actionOption('batching').default).toEqual({ settings: { mode: 'off' } });
			// Every value in a default is that field's own default: adding the option changes nothing else.
			for (const name of ['batching', 'optimizeResponse', 'pagination', 'retry']) {
				const fields = settingsOf(name);
				const values = (actionOption(name).default as { settings: INodeParameters }).settings;
				for (const [field, value] of Object.entries(values))
					expect(value, `${name}.${field}`).toEqual(
						fields.find((candidate) => candidate.name === field)!.default,
					);
			}
		});

		it('shows Batching in fill-in order: Mode alone while Off, then what the mode needs, then the size', () => {
			expect(shownSettings('batching', { mode: 'off' })).toEqual(['mode']);
			expect(shownSettings('batching', { mode: 'hubspot' })).toEqual(['mode', 'batchSize']);
			expect(shownSettings('batching', { mode: 'custom' })).toEqual([
				'mode',
				'arrayPath',
				'resultsPath',
				'batchSize',
			]);
		});

		it('says what Batch Size 0 means below the field, not only in its tooltip', () => {
			const batchSize = settingsOf('batching').find((field) => field.name === 'batchSize')!;
			expect(batchSize.hint).toMatch(/^0: the API's maximum/);
		});
	});

	describe('item 10: nothing the user needs is cut off', () => {
		it('the SOQL Query placeholder fits the field (n8n 2.41 shows about 30 characters)', () => {
			const soql = shownOne(trigger.description, { source: 'salesforce' }, 'soql');
			expect(soql.placeholder!.length).toBeLessThanOrEqual(30);
			expect(soql.placeholder).toMatch(/^SELECT .* FROM /);
		});
	});

	describe('item 11: Slack offers only the New event', () => {
		const eventValues = (source: string) =>
			(shownOne(trigger.description, { source }, 'event').options as INodePropertyOptions[]).map(
				(option) => option.value,
			);

		it('Slack: New alone, by default; the other sources: New or Updated and New', () => {
			expect(eventValues('slack')).toEqual(['new']);
			expect(shownOne(trigger.description, { source: 'slack' }, 'event').default).toBe('new');
			for (const source of ['hubspot', 'salesforce', 'custom'])
				expect(eventValues(source), source).toEqual(['newOrUpdated', 'new']);
		});
	});

	describe('item 12: Batching is not offered to a tool', () => {
		it('hides Batching on the tool variant, keeps it on the node', () => {
			const visible = (description: INodeTypeDescription) =>
				NodeHelpers.displayParameter({}, actionOption('batching'), NODE, description);
			expect(visible(action.description)).toBe(true);
			expect(visible(tool)).toBe(false);
		});
	});

	describe("item 13: options in n8n's order and spelling", () => {
		it.each([
			['action node', () => action.description],
			['trigger', () => trigger.description],
		])('%s: Options sorted by label as n8n sorts collections, "Add option"', (_, description) => {
			const options = optionsOf(description());
			expect(options.placeholder).toBe('Add option');
			const labels = (options.options as INodeProperties[]).map((option) => option.displayName);
			expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b)));
		});
	});
});
