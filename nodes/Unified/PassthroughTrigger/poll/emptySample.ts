import { PassthroughFailure } from '../../core/errors';
import type { PollSource } from '../sources/pollSource';

/**
 * Fetch Test Event found no record. Like n8n's own polling triggers (Google Calendar, Google Drive) it fails with
 * "No data with the current filter could be found" instead of showing an empty output, and says what was read.
 */
export function emptySample(source: PollSource, sampleSize: number): PassthroughFailure {
	const { spec, recordsPath } = source.newest(sampleSize);
	const request = `${spec.method} /${spec.path}`;
	const read =
		source.label === `${spec.method} ${spec.path}` ? request : `${source.label} (${request})`;
	const where = recordsPath ? ` at "${recordsPath}"` : '';
	return new PassthroughFailure(
		`No data with the current filter could be found: ${read} returned no records${where}`,
		{
			description:
				`Fetch Test Event reads the newest ${sampleSize} records of the source, whatever earlier polls saw; none came back. ` +
				'Check the connection and the source fields (for Custom Endpoint, Records Path too), or add a record, then fetch again. ' +
				'An active workflow is not affected: its polls emit nothing until a record changes.',
		},
	);
}
