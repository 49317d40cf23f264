import { describe, expect, it } from 'vitest';

import { envelopeRecord } from '../../../../nodes/Unified/Passthrough/batch/recordEnvelope';

describe('envelopeRecord', () => {
	it('reads a dotted path as withPath writes it: the one record, and the rest of the body as shared', () => {
		expect(
			envelopeRecord({ data: { records: [{ a: 1 }], dryRun: true }, top: 2 }, 'data.records', 0),
		).toEqual({ record: { a: 1 }, shared: { data: { dryRun: true }, top: 2 } });
		expect(envelopeRecord({ inputs: [{ a: 1 }], idProperty: 'email' }, 'inputs', 0)).toEqual({
			record: { a: 1 },
			shared: { idProperty: 'email' },
		});
		// The same segments whatever the spelling splitPath accepts.
		expect(envelopeRecord({ data: { records: [1] } }, ' data . records ', 0).record).toBe(1);
	});

	it('a body without the list at that path is the record itself, untouched', () => {
		for (const body of [
			{ data: { note: 1 } },
			{ data: 'records' },
			{ data: null },
			{ 'data.records': [1] },
			{ data: [{ records: [1] }] },
			[{ data: { records: [1] } }],
			'text',
			null,
		]) {
			expect(envelopeRecord(body, 'data.records', 0)).toEqual({ record: body, shared: {} });
		}
	});

	it('reads own fields only: inherited names are not a list', () => {
		expect(envelopeRecord({ a: 1 }, 'toString', 0)).toEqual({ record: { a: 1 }, shared: {} });
		expect(envelopeRecord({ data: {} }, 'data.hasOwnProperty', 0).record).toEqual({ data: {} });
	});

	it('a list of other than one record is refused, naming the item and the path', () => {
		for (const list of [[], [1, 2], 'x', { 0: 1 }, null]) {
			expect(() => envelopeRecord({ data: { records: list } }, 'data.records', 3)).toThrow(
				/item 3 has "data.records" with .* entries instead of exactly one/,
			);
		}
	});
});
