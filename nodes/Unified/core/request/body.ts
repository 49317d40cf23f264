import { unsafeSegment, withPath } from '../shared/jsonPath';
import { parseJsonParameter, rowsToPairs, stringifyValue, type NameValueRow } from './keyValue';
import type { BodySource } from './requestSpec';
import { ParameterError } from '../errors/parameterError';

export type BodyContentType =
	| 'json'
	| 'form-urlencoded'
	| 'multipart-form-data'
	| 'binaryData'
	| 'raw';

export interface BodyParameters {
	contentType: BodyContentType;
	/** `string` (and `json`, as 0.1.0 saved it) for form-urlencoded: the form as one string. */
	specifyBody: 'keypair' | 'json' | 'string';
	bodyParameters: NameValueRow[];
	jsonBody: unknown;
	rawContentType: string;
	body: unknown;
	/** The binary property sent as the whole body (`binaryData`). */
	inputDataFieldName?: unknown;
}

export function fixed(payload: string, contentType: string): BodySource {
	return { contentType, length: Buffer.byteLength(payload), open: () => payload };
}

/** A field the body would silently lack is an error: `a.__proto__.b` cannot be written as a nested key. */
function assertSafeFieldName(name: string): void {
	const segment = unsafeSegment(name);
	if (segment === undefined) return;
	throw new ParameterError(
		'bodyParameters',
		`The body field "${name}" has the part "${segment}", which a dotted name cannot create (it is an object's prototype key); send this body with Specify Body "Using JSON" instead`,
	);
}

export function buildJsonBody(parameters: BodyParameters): BodySource {
	let value: unknown;
	if (parameters.specifyBody === 'json') {
		value = parseJsonParameter('jsonBody', 'JSON Body', parameters.jsonBody);
		if (value === undefined) value = {};
	} else {
		// Dotted names build nested objects, like n8n's HTTP Request node (v4) does for key/value JSON bodies.
		let object: Record<string, unknown> = {};
		for (const [name, rowValue] of rowsToPairs(parameters.bodyParameters)) {
			assertSafeFieldName(name);
			object = withPath(object, name, rowValue);
		}
		value = object;
	}
	return fixed(JSON.stringify(value), 'application/json; charset=utf-8');
}

export function buildFormUrlencodedBody(parameters: BodyParameters): BodySource {
	if (parameters.specifyBody === 'string' || parameters.specifyBody === 'json') {
		// The single-field form: `a=1&b=2`, sent as written.
		const text = stringifyValue(parameters.body);
		return fixed(text, 'application/x-www-form-urlencoded');
	}
	const form = new URLSearchParams();
	for (const [name, value] of rowsToPairs(parameters.bodyParameters))
		form.append(name, stringifyValue(value));
	return fixed(form.toString(), 'application/x-www-form-urlencoded');
}

export function buildRawBody(parameters: BodyParameters): BodySource {
	const contentType = String(parameters.rawContentType ?? '').trim();
	if (!contentType) {
		throw new ParameterError(
			'rawContentType',
			'Give a content type for the raw body, e.g. text/xml',
		);
	}
	return fixed(stringifyValue(parameters.body), contentType);
}
