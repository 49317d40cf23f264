import { json, type Reply, type UpstreamRequest } from '../types';

/** sObject Collections' limit of records per call. */
export const SALESFORCE_COLLECTION_LIMIT = 200;

const EXTERNAL_ID = 'External_Id__c';

type SObject = Record<string, unknown>;
interface RecordError {
	statusCode: string;
	message: string;
	fields: string[];
}

const failure = (statusCode: string, message: string, fields: string[] = []): RecordError => ({
	statusCode,
	message,
	fields,
});

const callError = (status: number, errorCode: string, message: string): Reply =>
	json(status, [{ message, errorCode }]);

/**
 * sObject Collections over an in-memory Account table: create (POST composite/sobjects), update (PATCH),
 * upsert (PATCH composite/sobjects/{SObject}/{ExternalIdField}), retrieve (POST composite/sobjects/{SObject}).
 * One result per record in input order; REQUIRED_FIELD_MISSING and DUPLICATE_VALUE per record; `allOrNone: true`
 * writes nothing when one record fails; more than 200 records: 400.
 */
export function createSalesforceCollections(seeded: (index: number) => SObject, count: number) {
	const records = new Map<string, SObject>();
	const byExternalId = new Map<string, string>();
	let created = 0;
	for (let index = 0; index < count; index++) {
		const record = seeded(index);
		records.set(String(record.Id), record);
	}
	const newId = () => `001COL${String(++created).padStart(12, '0')}`;

	/** What a write of this record would do, or why it fails; nothing is written yet. */
	function check(
		operation: string,
		record: SObject,
		pending: Set<string>,
	): RecordError | undefined {
		const type = (record.attributes as { type?: unknown } | undefined)?.type;
		if (operation !== 'upsert' && !type)
			return failure('INVALID_TYPE', 'Must specify a type in attributes', []);
		if (operation === 'create') {
			if ('Id' in record || 'id' in record)
				return failure(
					'INVALID_FIELD',
					'The Id field should not be specified in the sobject data.',
				);
			if (!record.Name)
				return failure('REQUIRED_FIELD_MISSING', 'Required fields are missing: [Name]', ['Name']);
		}
		if (operation === 'update') {
			const id = String(record.id ?? record.Id ?? '');
			if (!records.has(id))
				return failure('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id: ${id}`);
		}
		if (operation === 'upsert' && !record[EXTERNAL_ID])
			return failure('REQUIRED_FIELD_MISSING', `Required fields are missing: [${EXTERNAL_ID}]`, [
				EXTERNAL_ID,
			]);
		const externalId = record[EXTERNAL_ID];
		if (operation === 'create' && typeof externalId === 'string') {
			if (byExternalId.has(externalId) || pending.has(externalId))
				return failure(
					'DUPLICATE_VALUE',
					`duplicate value found: ${EXTERNAL_ID} duplicates value on record with id: ${byExternalId.get(externalId) ?? 'in this request'}`,
					[EXTERNAL_ID],
				);
			pending.add(externalId);
		}
		return undefined;
	}

	function write(operation: string, record: SObject) {
		const { attributes: _attributes, id: givenId, ...fields } = record;
		if (operation === 'create') {
			const id = newId();
			records.set(id, { Id: id, ...fields });
			if (typeof fields[EXTERNAL_ID] === 'string') byExternalId.set(fields[EXTERNAL_ID], id);
			return { id, success: true, errors: [] };
		}
		if (operation === 'update') {
			const id = String(givenId ?? fields.Id);
			records.set(id, { ...records.get(id), ...fields });
			return { id, success: true, errors: [] };
		}
		const externalId = String(fields[EXTERNAL_ID]);
		const existing = byExternalId.get(externalId);
		const id = existing ?? newId();
		records.set(id, { ...records.get(id), Id: id, ...fields });
		byExternalId.set(externalId, id);
		return { id, success: true, errors: [], created: existing === undefined };
	}

	return async (
		request: UpstreamRequest,
		sobject?: string,
		externalField?: string,
	): Promise<Reply> => {
		let body: { allOrNone?: boolean; records?: SObject[]; ids?: string[]; fields?: string[] };
		try {
			body = JSON.parse((await request.body()).toString('utf8') || '{}') as typeof body;
		} catch {
			return callError(400, 'JSON_PARSER_ERROR', 'Unexpected character in JSON body');
		}
		const { method } = request;
		if (sobject && !externalField && method === 'POST') {
			if (!Array.isArray(body.ids) || !Array.isArray(body.fields))
				return callError(400, 'INVALID_FIELD', 'ids and fields are required');
			if (body.ids.length > SALESFORCE_COLLECTION_LIMIT)
				return callError(
					400,
					'EXCEEDED_ID_LIMIT',
					`record limit reached. cannot submit more than ${SALESFORCE_COLLECTION_LIMIT} records in this operation`,
				);
			const fields = body.fields;
			return json(
				200,
				body.ids.map((id) => {
					const record = records.get(id);
					if (!record) return null;
					return {
						attributes: { type: sobject, url: `/services/data/v62.0/sobjects/${sobject}/${id}` },
						...Object.fromEntries(fields.map((field) => [field, record[field] ?? null])),
					};
				}),
			);
		}
		const operation =
			!sobject && method === 'POST'
				? 'create'
				: !sobject && method === 'PATCH'
					? 'update'
					: sobject && externalField === EXTERNAL_ID && method === 'PATCH'
						? 'upsert'
						: undefined;
		if (!operation) return callError(404, 'NOT_FOUND', 'The requested resource does not exist');
		const list = body.records;
		if (!Array.isArray(list)) return callError(400, 'INVALID_FIELD', 'records is required');
		if (list.length > SALESFORCE_COLLECTION_LIMIT)
			return callError(
				400,
				'EXCEEDED_ID_LIMIT',
				`record limit reached. cannot submit more than ${SALESFORCE_COLLECTION_LIMIT} records in this operation`,
			);
		const pending = new Set<string>();
		const problems = list.map((record) => check(operation, record, pending));
		if (body.allOrNone === true && problems.some((problem) => problem !== undefined)) {
			return json(
				200,
				problems.map((problem) => ({
					success: false,
					errors: [
						problem ??
							failure(
								'ALL_OR_NONE_OPERATION_ROLLED_BACK',
								'Record rolled back because not all records were valid and the request was using AllOrNone header',
							),
					],
				})),
			);
		}
		return json(
			200,
			list.map((record, index) => {
				const problem = problems[index];
				return problem ? { success: false, errors: [problem] } : write(operation, record);
			}),
		);
	};
}
