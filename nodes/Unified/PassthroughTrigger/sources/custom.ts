import { resolvePagination } from '../../core/pagination/paginationSettings';
import { buildRequest, type ParameterReader } from '../../core/request/buildRequest';
import { assertNoReservedDomain, type QueryArrayFormat } from '../../core/request/query';
import { splitPath } from '../../core/shared/jsonPath';
import { ParameterError } from '../../core/errors';
import { formatSince, type SinceFormat } from '../poll/time';
import { recordKey } from './recordKey';
import { EVERY_RECORD, type PollEvent, type PollSource } from './pollSource';

const FORMATS: readonly SinceFormat[] = ['iso', 'unixSeconds', 'unixMs'];

function field(read: ParameterReader, name: string, fallback: string): string {
	const value = String(read<string>(name, fallback) ?? '').trim();
	if (!value)
		throw new ParameterError(
			name,
			`Give the field that holds each record's ${name === 'idField' ? 'id' : 'time'}`,
		);
	return value;
}

/** getPath with the path split once: it runs for every record of every poll. */
function fieldReader(path: string): (record: unknown) => unknown {
	const segments = splitPath(path);
	return (record) => {
		let cursor = record;
		for (const segment of segments) {
			if (typeof cursor !== 'object' || cursor === null) return undefined;
			if (!Object.prototype.hasOwnProperty.call(cursor, segment)) return undefined;
			cursor = (cursor as Record<string, unknown>)[segment];
		}
		return cursor;
	};
}

/**
 * Any list endpoint: the action node's request parameters and pagination, plus where a record's id and time
 * are. The API's order is not trusted: a poll reads every page and sorts.
 */
export async function customSource(
	read: ParameterReader,
	options: { event: PollEvent; domain: string; queryArrayFormat?: QueryArrayFormat },
): Promise<PollSource> {
	const method = String(read<string>('method', 'GET')).toUpperCase();
	if (method !== 'GET' && method !== 'POST')
		throw new ParameterError('method', 'The trigger reads with GET or POST');
	const spec = await buildRequest(read, {
		domain: options.domain,
		queryArrayFormat: options.queryArrayFormat,
	});
	const recordsPath = String(read<string>('recordsPath', '') ?? '').trim();
	const idField = field(read, 'idField', 'id');
	const timeName = options.event === 'new' ? 'createdField' : 'updatedField';
	const timeField = field(read, timeName, options.event === 'new' ? 'created_at' : 'updated_at');
	const sinceParameter = String(read<string>('sinceParameter', '') ?? '').trim();
	if (sinceParameter) assertNoReservedDomain([[sinceParameter, '']], 'sinceParameter');
	const sinceFormat = read<SinceFormat>('sinceFormat', 'iso');
	if (!FORMATS.includes(sinceFormat))
		throw new ParameterError('sinceFormat', `Since Format must be one of ${FORMATS.join(', ')}`);
	const paging = read<{ settings?: Record<string, unknown> }>('pagination', {}).settings;
	let pagination;
	try {
		// The user's mode and fields, read as the action node reads them; every page, always (n8n fills Max Pages
		// with its default of 100 even when the user never set it).
		pagination = resolvePagination(paging && { ...paging, ...EVERY_RECORD });
	} catch (error) {
		if (error instanceof ParameterError) throw new ParameterError('pagination', error.message);
		throw error;
	}
	if (pagination && recordsPath) pagination = { ...pagination, recordsPath };
	const label = `${method} ${spec.path}`;
	const idAt = fieldReader(idField);
	const timeAt = fieldReader(timeField);
	return {
		label,
		ordered: false,
		fingerprintParts: [
			'custom',
			method,
			spec.path,
			spec.query,
			recordsPath,
			idField,
			timeField,
			sinceParameter,
		],
		query: (since) => ({
			spec: {
				...spec,
				query:
					sinceParameter && since !== undefined
						? [...spec.query, [sinceParameter, formatSince(since, sinceFormat)]]
						: spec.query,
			},
			pagination,
			recordsPath,
		}),
		newest: () => ({ spec, recordsPath: recordsPath || pagination?.recordsPath }),
		key(record, page) {
			return recordKey(label, page, idAt(record), idField, timeAt(record), timeField);
		},
	};
}
