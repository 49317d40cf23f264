import { describe, expect, it } from 'vitest';

import type { INodeProperties } from 'n8n-workflow';

import { resolveBatching } from '../../../../nodes/Unified/Passthrough/batch/batchSettings';
import { batchingOption } from '../../../../nodes/Unified/core/description/batching';
import { ParameterError } from '../../../../nodes/Unified/core/errors/parameterError';

describe('resolveBatching', () => {
	it('off (or absent) means no batching', () => {
		expect(resolveBatching(undefined, false)).toBeUndefined();
		expect(resolveBatching({ mode: 'off' }, true)).toBeUndefined();
	});

	it('Batch Size 0 is the mode maximum: 100 for HubSpot, 200 for Salesforce', () => {
		expect(resolveBatching({ mode: 'hubspot', batchSize: 0 }, false)?.batchSize).toBe(100);
		expect(resolveBatching({ mode: 'salesforce' }, false)?.batchSize).toBe(200);
		expect(resolveBatching({ mode: 'hubspot', batchSize: 25 }, false)?.batchSize).toBe(25);
	});

	it('a Batch Size above the API maximum is capped, and says from what', () => {
		expect(resolveBatching({ mode: 'salesforce', batchSize: 500 }, false)).toMatchObject({
			batchSize: 200,
			cappedFrom: 500,
		});
	});

	it('refuses pagination together with batching, naming both', () => {
		expect(() => resolveBatching({ mode: 'hubspot' }, true)).toThrow(
			/"Batching" and "Pagination" cannot be used together/,
		);
	});

	it('refuses an unknown mode, a negative size and an unsafe custom path', () => {
		expect(() => resolveBatching({ mode: 'bulk' }, false)).toThrow(ParameterError);
		expect(() => resolveBatching({ mode: 'hubspot', batchSize: -1 }, false)).toThrow(/Batch Size/);
		expect(() => resolveBatching({ mode: 'custom', arrayPath: 'a.__proto__' }, false)).toThrow(
			/__proto__/,
		);
	});

	it("the option has the interface document's fixed names: settings {mode, batchSize, arrayPath, resultsPath}", () => {
		expect(batchingOption.name).toBe('batching');
		const settings = batchingOption.options as Array<{ name: string; values: INodeProperties[] }>;
		expect(settings.map((entry) => entry.name)).toEqual(['settings']);
		const fields = settings[0].values;
		expect(fields.map((field) => field.name).sort()).toEqual([
			'arrayPath',
			'batchSize',
			'mode',
			'resultsPath',
		]);
		const mode = fields.find((field) => field.name === 'mode')!;
		expect(mode.default).toBe('off');
		expect((mode.options as Array<{ value: string }>).map((entry) => entry.value)).toEqual([
			'off',
			'hubspot',
			'salesforce',
			'custom',
		]);
		expect(fields.find((field) => field.name === 'batchSize')!.default).toBe(0);
	});
});
