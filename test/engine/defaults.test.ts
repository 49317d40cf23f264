import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { resolveFlowSettings, resolveItemOptions } from '../../nodes/Unified/core/runtime/options';
import { resolvePagination } from '../../nodes/Unified/core/pagination/paginationSettings';
import { DEFAULT_TOOL_MAX_RECORDS } from '../../nodes/Unified/core/shared/defaults';
import { loadPackage } from '../harness/engine';

// What the editor shows for an option and what an execution does when the option is absent must be the same.
async function optionDefaults(): Promise<Record<string, unknown>> {
	const { node } = await loadPackage();
	const description = (node as { description: INodeTypeDescription }).description;
	const options = description.properties.find((property) => property.name === 'options')!
		.options as INodeProperties[];
	const collected: Record<string, unknown> = {};
	const walk = (properties: INodeProperties[], prefix: string) => {
		for (const property of properties) {
			const name = `${prefix}${property.name}`;
			if (property.type === 'fixedCollection') {
				for (const group of (property.options ?? []) as Array<{ values: INodeProperties[] }>)
					walk(group.values, `${name}.`);
			} else collected[name] = property.default;
		}
	};
	walk(options, '');
	return collected;
}

describe('each default is defined once: the description shows what the runtime applies', () => {
	it('retry, timeout, concurrency, request interval, response limits and the tool record cap', async () => {
		const shown = await optionDefaults();
		const item = resolveItemOptions({});
		const execution = resolveFlowSettings({});
		expect(shown.timeout).toBe(item.headersTimeoutMs);
		expect(shown['retry.maxRetries']).toBe(item.retry.maxRetries);
		expect(shown['retry.maxWaitMs']).toBe(item.retry.maxWaitMs);
		expect(shown['retry.retryNonIdempotent']).toBe(item.retry.retryNonIdempotent);
		expect(String(shown['retry.retryOn']).split(',').map(Number)).toEqual([...item.retry.retryOn]);
		expect(shown.concurrency).toBe(execution.concurrency);
		expect(shown.requestInterval).toBe(execution.requestIntervalMs);
		expect(Number(shown.maxResponseSize) * 1024 * 1024).toBe(item.maxBodyBytes);
		expect(shown.maxCompressionRatio).toBe(item.maxCompressionRatio);
		expect(shown['optimizeResponse.maxRecords']).toBe(DEFAULT_TOOL_MAX_RECORDS);
	});

	it('pagination: max pages, page size, first offset and first page', async () => {
		const shown = await optionDefaults();
		const runtime = resolvePagination({ mode: 'offset' })!;
		expect(shown['pagination.maxPages']).toBe(runtime.maxPages);
		expect(shown['pagination.pageSize']).toBe(runtime.pageSize);
		expect(shown['pagination.firstOffset']).toBe(runtime.firstOffset);
		expect(shown['pagination.firstPage']).toBe(runtime.firstPage);
	});
});
