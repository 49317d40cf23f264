import { describe, expect, it } from 'vitest';

import { sharedIdErrors } from '../../../../nodes/Unified/Passthrough/batch/claimedIds';
import { customMode } from '../../../../nodes/Unified/Passthrough/batch/custom';
import { hubspotMode } from '../../../../nodes/Unified/Passthrough/batch/hubspot';

const create = hubspotMode.operation('POST', 'crm/v3/objects/contacts/batch/create');
const read = hubspotMode.operation('POST', 'crm/v3/objects/contacts/batch/read');

function traced(...traces: unknown[]) {
	return traces.map((trace, itemIndex) => ({
		itemIndex,
		record: trace === undefined ? { properties: {} } : { objectWriteTraceId: trace },
		mode: hubspotMode,
		operation: create,
	}));
}

describe('sharedIdErrors', () => {
	it('refuses every later item that claims an earlier item’s trace id, naming both items and the field', () => {
		const errors = sharedIdErrors(traced('a', 'b', 'a', undefined, 'a'));
		expect([...errors.keys()]).toEqual([2, 4]);
		expect(errors.get(2)).toMatchObject({ parameter: 'jsonBody' });
		expect(errors.get(2)?.message).toMatch(
			/^Item 2's "objectWriteTraceId" is "a", the same as item 0's/,
		);
		expect(errors.get(4)?.message).toContain('the same as item 0');
	});

	it('compares the text HubSpot pairs by: 5 and "5" clash; case and spacing do not fold', () => {
		expect([...sharedIdErrors(traced(5, '5')).keys()]).toEqual([1]);
		expect(sharedIdErrors(traced('a', 'A', ' a', 'a ', 'ａ')).size).toBe(0);
	});

	it('ignores records without a claim: untraced operations and modes without claimedId', () => {
		expect(
			sharedIdErrors(traced('a', 'a').map((entry) => ({ ...entry, operation: read }))).size,
		).toBe(0);
		const custom = customMode('records', '');
		expect(
			sharedIdErrors(
				traced('a', 'a').map((entry) => ({
					...entry,
					mode: custom,
					operation: custom.operation('POST', 'x'),
				})),
			).size,
		).toBe(0);
	});
});
