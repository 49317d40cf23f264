import { ParameterError, PassthroughFailure } from '../../core/errors';
import { envelopeRecord, isObject, text } from './recordEnvelope';
import type { BatchMode, BatchOperation, RecordOutcome } from './batchMode';

/** `.../composite/sobjects`, `.../composite/sobjects/{SObject}`, `.../composite/sobjects/{SObject}/{ExternalIdField}`. */
const COLLECTIONS = /(?:^|\/)composite\/sobjects(?:\/([^/]+))?(?:\/([^/]+))?\/?$/;

function operationOf(
	method: string,
	sobject?: string,
	externalId?: string,
): BatchOperation | undefined {
	if (!sobject && method === 'POST') return { name: 'create', repeatable: false };
	if (!sobject && method === 'PATCH') return { name: 'update', repeatable: true };
	if (sobject && externalId && method === 'PATCH') return { name: 'upsert', repeatable: true };
	if (sobject && !externalId && method === 'POST') return { name: 'retrieve', repeatable: true };
	return undefined;
}

/** `REQUIRED_FIELD_MISSING: Required fields are missing: [Name] (fields: Name)`, for each error of the record. */
function describeErrors(errors: unknown[]): string {
	return errors
		.filter(isObject)
		.map((error) => {
			const code = text(error.statusCode) ?? text(error.errorCode);
			const fields =
				Array.isArray(error.fields) && error.fields.length > 0
					? ` (fields: ${error.fields.join(', ')})`
					: '';
			return `${code ? `${code}: ` : ''}${text(error.message) ?? 'failed'}${fields}`;
		})
		.join('; ');
}

function retrieveOutcome(record: unknown, id: unknown, statusCode: number): RecordOutcome {
	if (record !== null && record !== undefined) return { result: record };
	return {
		error: new PassthroughFailure(`NOT_FOUND: no record with id ${String(id)}`, {
			statusCode,
			recordDetails: { errors: [{ statusCode: 'NOT_FOUND', message: 'not found', fields: [] }] },
		}),
	};
}

export const salesforceMode: BatchMode = {
	maxSize: 200,
	operation(method, path) {
		const match = COLLECTIONS.exec(path);
		const operation = match ? operationOf(method, match[1], match[2]) : undefined;
		if (operation) return operation;
		throw new ParameterError(
			match ? 'method' : 'path',
			`Salesforce batching takes sObject Collections: POST or PATCH .../composite/sobjects (create, update), PATCH .../composite/sobjects/{SObject}/{ExternalIdField} (upsert), POST .../composite/sobjects/{SObject} (retrieve); not ${method} "${path}"`,
		);
	},
	record(body, operation, itemIndex) {
		if (operation.name === 'retrieve') {
			// {"id": "001..."} or {"ids": ["001..."], "fields": [...]}: one id per item, the fields shared.
			if (isObject(body) && 'id' in body) {
				const { id, ...shared } = body;
				return { record: id, shared };
			}
			return envelopeRecord(body, 'ids', itemIndex);
		}
		const { record, shared } = envelopeRecord(body, 'records', itemIndex);
		if (!isObject(record)) {
			throw new ParameterError(
				'jsonBody',
				`With Salesforce batching, each item's body is one record object (e.g. {"attributes": {"type": "Account"}, "Name": "Acme"}); item ${itemIndex} has ${JSON.stringify(record) ?? 'nothing'}`,
			);
		}
		// The node always sends allOrNone false: each record succeeds or fails on its own.
		const { allOrNone: _ignored, ...rest } = shared;
		return { record, shared: rest };
	},
	body(records, shared, operation) {
		if (operation.name === 'retrieve') return { ...shared, ids: records };
		return { ...shared, allOrNone: false, records };
	},
	correlate({ statusCode, body }, records, _shared, operation) {
		if (!Array.isArray(body) || body.length !== records.length) {
			throw new PassthroughFailure(
				`Salesforce answered ${Array.isArray(body) ? `${body.length} results` : 'something other than a list of results'} for ${records.length} records; cannot tell which record each result belongs to`,
				{ statusCode, body },
			);
		}
		if (operation.name === 'retrieve')
			return body.map((record, position) => retrieveOutcome(record, records[position], statusCode));
		return body.map((result): RecordOutcome => {
			if (!isObject(result) || result.success !== false) return { result };
			const errors = Array.isArray(result.errors) ? result.errors : [];
			return {
				error: new PassthroughFailure(
					describeErrors(errors) || 'Salesforce did not save this record',
					{
						statusCode,
						recordDetails: { errors },
					},
				),
			};
		});
	},
};
