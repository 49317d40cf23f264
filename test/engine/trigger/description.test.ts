import { describe, expect, it } from 'vitest';
import type { INodeProperties, INodeType } from 'n8n-workflow';

import { loadPackage } from '../../harness/engine';

async function trigger(): Promise<INodeType> {
	const { loader } = await loadPackage();
	return loader.getNode('unifiedPassthroughTrigger').type as INodeType;
}

describe('trigger: description as n8n loads it', () => {
	it('is a polling trigger with the names the interface fixes', async () => {
		const { description, poll } = await trigger();
		expect(description).toMatchObject({
			name: 'unifiedPassthroughTrigger',
			displayName: 'Unified.to Passthrough Trigger',
			version: 1,
			polling: true,
			inputs: [],
			credentials: [{ name: 'unifiedApi', required: true }],
		});
		expect(typeof poll).toBe('function');
		const names = description.properties.map((property) => property.name);
		for (const name of [
			'connection',
			'source',
			'event',
			'hubspotObject',
			'hubspotProperties',
			'soql',
			'salesforceApiVersion',
			'slackChannel',
			'method',
			'path',
			'sendQuery',
			'queryParameters',
			'sendHeaders',
			'sendBody',
			'pagination',
			'recordsPath',
			'idField',
			'updatedField',
			'createdField',
			'sinceParameter',
			'sinceFormat',
			'options',
		])
			expect(names).toContain(name);
		const byName = (name: string) =>
			description.properties.find((property) => property.name === name)!;
		expect(byName('source').default).toBe('hubspot');
		expect(byName('event').default).toBe('newOrUpdated');
		// A list since issue 19 item 16 (a plain string saved before still runs: trigger/lists.test.ts).
		expect(byName('hubspotObject').default).toEqual({ mode: 'list', value: 'contacts' });
		expect(byName('salesforceApiVersion').default).toBe('v62.0');
		const options = byName('options').options as INodeProperties[];
		const option = (name: string) => options.find((candidate) => candidate.name === name);
		expect(option('firstPoll')?.default).toBe('emitNothing');
		expect(option('maxRecordsPerPoll')?.default).toBe(10_000);
		expect(option('lookbackMs')?.default).toBe(60_000);
		expect(option('maxRecordsReadPerPoll')).toMatchObject({
			displayName: 'Max Records Read per Poll',
			type: 'number',
			default: 100_000,
			typeOptions: { minValue: 1 },
		});
		for (const name of [
			'firstPollSince',
			'timeout',
			'retry',
			'domain',
			'proxy',
			'allowUnauthorizedCerts',
		])
			expect(option(name), name).toBeDefined();
	});

	it('shows the custom request fields only for the custom source', async () => {
		const { description } = await trigger();
		for (const name of ['path', 'sendQuery', 'pagination', 'recordsPath', 'sinceParameter']) {
			const property = description.properties.find((candidate) => candidate.name === name);
			expect(property?.displayOptions?.show?.source, name).toEqual(['custom']);
		}
	});
});
