import { describe, expect, it } from 'vitest';

import { optimizeForModel } from '../../../../nodes/Unified/core/runtime/toolMode';

const pairedItem = { item: 3 };

describe('optimizeForModel', () => {
	it('keeps the whole body without a records path, minus binary data', () => {
		const items = [
			{
				json: { ok: true, channel: { id: 'C1' } },
				binary: { data: { data: 'AA==', mimeType: 'text/plain' } },
				pairedItem,
			},
		];
		expect(optimizeForModel(items, {})).toEqual([
			{ json: { ok: true, channel: { id: 'C1' } }, pairedItem },
		]);
	});

	it('picks nested records and nested fields, leaving out fields a record lacks', () => {
		const body = {
			data: {
				records: [{ Id: '1', Name: 'A', Owner: { Name: 'Ann', Email: 'a@x' } }, { Id: '2' }],
			},
		};
		const result = optimizeForModel([{ json: body, pairedItem }], {
			recordsPath: 'data.records',
			fields: 'Id, Owner.Name',
		});
		expect(result.map((item) => item.json)).toEqual([
			{ Id: '1', Owner: { Name: 'Ann' } },
			{ Id: '2' },
		]);
		expect(result.every((item) => item.pairedItem === pairedItem)).toBe(true);
	});

	it('wraps non-object records and caps the count across the items of one input', () => {
		const items = [
			{ json: { ids: [1, 2, 3] }, pairedItem },
			{ json: { ids: [4, 5] }, pairedItem },
		];
		expect(
			optimizeForModel(items, { recordsPath: 'ids', maxRecords: 4 }).map((item) => item.json),
		).toEqual([{ value: 1 }, { value: 2 }, { value: 3 }, { value: 4 }]);
	});

	it('ignores field paths through __proto__ (no prototype pollution from a field list)', () => {
		const result = optimizeForModel([{ json: { id: 1, name: 'x' }, pairedItem }], {
			fields: 'id, __proto__.polluted, constructor.prototype.polluted',
		});
		expect(result.map((item) => item.json)).toEqual([{ id: 1 }]);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});
});
