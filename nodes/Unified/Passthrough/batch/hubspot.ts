import { ParameterError, PassthroughFailure } from '../../core/errors';
import { envelopeRecord, isObject, text } from './recordEnvelope';
import type { BatchMode, RecordOutcome } from './batchMode';

const OPERATION = /(?:^|\/)batch\/(create|update|upsert|read|archive)\/?$/;
/**
 * Object inputs of these take `objectWriteTraceId`, which HubSpot returns on the result: the one sure way to pair
 * them. Only CRM objects (`crm/v3/objects/...`, `crm/objects/2026-03/...`): association and property inputs have
 * no such field. Only their create is known to be all-or-nothing.
 */
const TRACED = new Set(['create', 'update', 'upsert']);
const OBJECTS = /(?:^|\/)objects\//;

type Json = Record<string, unknown>;

/**
 * The keys an input or a result may share. HubSpot does not keep the input order in `results`, so each result is
 * paired by its trace id, else its object id, else the unique property it was looked up by (upsert, read by
 * `idProperty`), else a property name (properties batch read) or the pair of an association.
 */
function inputKeys(input: unknown, idProperty: string | undefined): string[] {
	if (!isObject(input)) return [];
	const keys: string[] = [];
	const trace = text(input.objectWriteTraceId);
	if (trace) keys.push(`trace:${trace}`);
	const id = text(input.id);
	const uniqueProperty = text(input.idProperty) ?? idProperty;
	if (id) keys.push(uniqueProperty ? `unique:${id}` : `id:${id}`);
	// HubSpot names a missing or empty unique value as "" in its error (`Invalid unique value "" for idProperty`).
	else if (uniqueProperty && (input.id === undefined || input.id === null || input.id === ''))
		keys.push('unique:');
	const name = text(input.name);
	if (name) keys.push(`name:${name}`);
	const from = isObject(input.from) ? text(input.from.id) : undefined;
	const to = isObject(input.to) ? text(input.to.id) : undefined;
	if (from && to) keys.push(`pair:${from}>${to}`);
	return keys;
}

function resultKeys(result: unknown, idProperty: (index: number) => string | undefined): string[] {
	if (!isObject(result)) return [];
	const keys: string[] = [];
	const trace = text(result.objectWriteTraceId);
	if (trace) keys.push(`trace:${trace}`);
	const id = text(result.id);
	if (id) keys.push(`id:${id}`);
	const name = text(result.name);
	if (name) keys.push(`name:${name}`);
	const from =
		text(result.fromObjectId) ?? (isObject(result.from) ? text(result.from.id) : undefined);
	const to = text(result.toObjectId) ?? (isObject(result.to) ? text(result.to.id) : undefined);
	if (from && to) keys.push(`pair:${from}>${to}`);
	if (from && !to) keys.push(`id:${from}`);
	if (isObject(result.properties)) {
		for (let index = 0; ; index++) {
			const property = idProperty(index);
			if (property === undefined) break;
			const value = text(result.properties[property]);
			if (value) keys.push(`unique:${value}`);
		}
	}
	return keys;
}

/** Key -> the one input it names; a key two inputs share names neither. */
function keyIndex(records: unknown[], idProperty: string | undefined): Map<string, number> {
	const index = new Map<string, number>();
	const ambiguous = new Set<string>();
	records.forEach((record, position) => {
		for (const key of inputKeys(record, idProperty)) {
			if (index.has(key)) ambiguous.add(key);
			else index.set(key, position);
		}
	});
	for (const key of ambiguous) index.delete(key);
	return index;
}

function recordError(error: Json, statusCode: number): PassthroughFailure {
	const category = text(error.category);
	const message = text(error.message) ?? 'HubSpot reported an error for this record';
	return new PassthroughFailure(category ? `${message} (${category})` : message, {
		statusCode,
		recordDetails: {
			...(category ? { category } : {}),
			...(error.subCategory !== undefined ? { subCategory: error.subCategory } : {}),
			...(error.context !== undefined ? { context: error.context } : {}),
		},
	});
}

/** Key -> every input it names: an error about a value (an empty email) is the error of each input with it. */
function keyPositions(records: unknown[], idProperty: string | undefined): Map<string, number[]> {
	const positions = new Map<string, number[]>();
	records.forEach((record, position) => {
		for (const key of inputKeys(record, idProperty))
			positions.set(key, [...(positions.get(key) ?? []), position]);
	});
	return positions;
}

/** Every string in an error's `context` (`{"ids": ["12"]}`, `{"objectWriteTraceId": ["n8n-item-4"]}`). */
function contextValues(context: unknown): string[] {
	if (!isObject(context)) return [];
	return Object.values(context).flatMap((value) =>
		(Array.isArray(value) ? value : [value]).map(text).filter((entry) => entry !== undefined),
	);
}

export const hubspotMode: BatchMode = {
	maxSize: 100,
	operation(method, path) {
		const match = OPERATION.exec(path);
		if (!match) {
			throw new ParameterError(
				'path',
				`HubSpot batching needs a batch endpoint, a path ending in /batch/create, /batch/update, /batch/upsert, /batch/read or /batch/archive (e.g. /crm/v3/objects/contacts/batch/create), not "${path}"`,
			);
		}
		if (method !== 'POST')
			throw new ParameterError('method', `HubSpot's batch endpoints take POST, not ${method}`);
		const name = match[1];
		const objects = OBJECTS.test(path);
		return {
			name,
			repeatable: name !== 'create',
			...(objects && name === 'create' ? { splitOnWholeFailure: true } : {}),
			...(objects && TRACED.has(name) ? { traced: true } : {}),
		};
	},
	record(body, operation, itemIndex, runToken) {
		const { record, shared } = envelopeRecord(body, 'inputs', itemIndex);
		if (!isObject(record)) {
			throw new ParameterError(
				'jsonBody',
				`With HubSpot batching, each item's body is one input object (e.g. {"properties": {...}}); item ${itemIndex} has ${JSON.stringify(record) ?? 'nothing'}`,
			);
		}
		if (!operation.traced) return { record, shared };
		const given = record.objectWriteTraceId;
		if (given !== undefined && given !== null) {
			if (text(given) === undefined || given === '') {
				throw new ParameterError(
					'jsonBody',
					`Item ${itemIndex}'s "objectWriteTraceId" is ${JSON.stringify(given)}: HubSpot pairs each result with its input by this field, so it must be a non-empty text (or leave it out and the node sets one)`,
				);
			}
			return { record, shared };
		}
		return { record: { ...record, objectWriteTraceId: `n8n-${runToken}-${itemIndex}` }, shared };
	},
	claimedId(record, operation) {
		if (!operation.traced || !isObject(record)) return undefined;
		const trace = text(record.objectWriteTraceId);
		return trace === undefined ? undefined : { field: 'objectWriteTraceId', value: trace };
	},
	body(records, shared) {
		return { ...shared, inputs: records };
	},
	correlate({ statusCode, body }, records, shared) {
		const outcomes: Array<RecordOutcome | undefined> = Array.from(records, () => undefined);
		const answer = isObject(body) ? body : {};
		const results = Array.isArray(answer.results) ? answer.results : [];
		const errors = Array.isArray(answer.errors) ? answer.errors.filter(isObject) : [];
		// An archive answers 204 with no body: every record went through.
		if (results.length === 0 && errors.length === 0) return records.map(() => ({ result: {} }));
		const sharedIdProperty = text(shared.idProperty);
		const index = keyIndex(records, sharedIdProperty);
		const idProperties = [
			...new Set(
				records
					.map((record) => (isObject(record) ? text(record.idProperty) : undefined))
					.concat(sharedIdProperty)
					.filter((entry) => entry !== undefined),
			),
		];
		for (const result of results) {
			const position = resultKeys(result, (at) => idProperties[at])
				.map((key) => index.get(key))
				.find((candidate) => candidate !== undefined && outcomes[candidate] === undefined);
			if (position !== undefined) outcomes[position] = { result };
		}
		const errorIndex = keyPositions(records, sharedIdProperty);
		for (const error of errors) {
			const failure = recordError(error, statusCode);
			for (const value of contextValues(error.context)) {
				for (const key of [`trace:${value}`, `id:${value}`, `unique:${value}`, `name:${value}`]) {
					for (const position of errorIndex.get(key) ?? []) {
						if (outcomes[position] === undefined) outcomes[position] = { error: failure };
					}
				}
			}
		}
		return outcomes.map(
			(outcome) =>
				outcome ?? {
					error: new PassthroughFailure(
						`HubSpot's answer (status ${statusCode}) has neither a result nor an error for this record`,
						{ statusCode },
					),
				},
		);
	},
};
