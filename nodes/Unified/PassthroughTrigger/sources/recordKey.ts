import { PassthroughFailure } from '../../core/errors';
import { toEpochMs } from '../poll/time';
import type { RecordKey } from './pollSource';

/** A record's id and time from the values found in it; a clear error when either is missing. */
export function recordKey(
	label: string,
	page: number,
	id: unknown,
	idField: string,
	time: unknown,
	timeField: string,
): RecordKey {
	if ((typeof id !== 'string' && typeof id !== 'number') || String(id) === '') {
		throw new PassthroughFailure(
			`${label}: a record on page ${page} has no "${idField}" (its id), so the trigger cannot tell it from others`,
			{ description: 'Set the ID field to the field that identifies a record.' },
		);
	}
	const ms = toEpochMs(time);
	if (ms === undefined) {
		throw new PassthroughFailure(
			`${label}: record "${String(id)}" on page ${page} has no readable time in "${timeField}" (found ${JSON.stringify(time) ?? 'nothing'})`,
			{ description: 'The field must hold an ISO date or epoch seconds or milliseconds.' },
		);
	}
	return { id: String(id), time: ms };
}
