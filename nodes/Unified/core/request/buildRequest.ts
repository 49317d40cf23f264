import { buildFormUrlencodedBody, buildJsonBody, buildRawBody, type BodyParameters } from './body';
import { buildHeaders } from './headers';
import { parseJsonObjectParameter, rowsToPairs, type NameValueRow } from './keyValue';
import { splitAndEncodePath } from './path';
import { assertNoReservedDomain, flattenQuery, type QueryArrayFormat } from './query';
import { HTTP_METHODS, type BodySource, type HttpMethod, type RequestSpec } from './requestSpec';
import { ParameterError } from '../errors/parameterError';

/** Reads one node parameter for the current item (n8n's getNodeParameter, bound to the item). */
export type ParameterReader = <T>(name: string, fallback: T) => T;

/** Builds a body for the content types that need n8n's binary store (multipart, binaryData). */
export type BinaryBodyBuilder = (parameters: BodyParameters) => Promise<BodySource>;

export interface RequestOptions {
	queryArrayFormat?: QueryArrayFormat;
	domain?: string;
}

/** The name/value entries, and the parameter they came from (for error messages). */
function readKeyValueOrJson(
	read: ParameterReader,
	specifyName: string,
	rowsName: string,
	jsonName: string,
	jsonLabel: string,
): { entries: Array<[string, unknown]>; parameter: string } {
	if (read<string>(specifyName, 'keypair') === 'json') {
		const json = parseJsonObjectParameter(jsonName, jsonLabel, read<unknown>(jsonName, ''));
		return { entries: Object.entries(json), parameter: jsonName };
	}
	return {
		entries: rowsToPairs(read<{ parameters?: NameValueRow[] }>(rowsName, {}).parameters),
		parameter: rowsName,
	};
}

function readMethod(read: ParameterReader): HttpMethod {
	const method = String(read<string>('method', 'GET')).toUpperCase() as HttpMethod;
	if (!HTTP_METHODS.includes(method)) {
		throw new ParameterError('method', `Method must be one of ${HTTP_METHODS.join(', ')}`);
	}
	return method;
}

async function readBody(
	read: ParameterReader,
	buildBinaryBody: BinaryBodyBuilder | undefined,
): Promise<BodySource | undefined> {
	if (!read<boolean>('sendBody', false)) return undefined;
	const parameters: BodyParameters = {
		contentType: read<BodyParameters['contentType']>('contentType', 'json'),
		specifyBody: read<BodyParameters['specifyBody']>('specifyBody', 'keypair'),
		bodyParameters: read<{ parameters?: NameValueRow[] }>('bodyParameters', {}).parameters ?? [],
		jsonBody: read<unknown>('jsonBody', ''),
		rawContentType: read<string>('rawContentType', ''),
		body: read<unknown>('body', ''),
		inputDataFieldName: read<unknown>('inputDataFieldName', 'data'),
	};
	switch (parameters.contentType) {
		case 'json':
			return buildJsonBody(parameters);
		case 'form-urlencoded':
			return buildFormUrlencodedBody(parameters);
		case 'raw':
			return buildRawBody(parameters);
		case 'multipart-form-data':
		case 'binaryData':
			if (!buildBinaryBody) {
				throw new ParameterError(
					'contentType',
					`Body content type "${parameters.contentType}" needs n8n's binary data`,
				);
			}
			return await buildBinaryBody(parameters);
		default:
			throw new ParameterError(
				'contentType',
				`Unknown body content type "${String(parameters.contentType)}"`,
			);
	}
}

/** Reads the request parameters of one item and validates them; nothing here touches the network. */
export async function buildRequest(
	read: ParameterReader,
	options: RequestOptions,
	buildBinaryBody?: BinaryBodyBuilder,
): Promise<RequestSpec> {
	const method = readMethod(read);
	const { path, query: pathQuery } = splitAndEncodePath(read<unknown>('path', ''));
	assertNoReservedDomain(pathQuery, 'path');

	const arrayFormat = options.queryArrayFormat ?? 'repeat';
	const query = [...pathQuery];
	if (read<boolean>('sendQuery', false)) {
		const { entries, parameter } = readKeyValueOrJson(
			read,
			'specifyQuery',
			'queryParameters',
			'jsonQuery',
			'JSON Query Parameters',
		);
		const pairs = flattenQuery(entries, arrayFormat);
		assertNoReservedDomain(pairs, parameter);
		query.push(...pairs);
	}
	const domain = String(options.domain ?? '').trim();
	if (domain) query.push(['__domain', domain]);

	let headers: Record<string, string> = {};
	if (read<boolean>('sendHeaders', false)) {
		const { entries, parameter } = readKeyValueOrJson(
			read,
			'specifyHeaders',
			'headerParameters',
			'jsonHeaders',
			'JSON Headers',
		);
		headers = buildHeaders(entries, parameter);
	}

	const body = await readBody(read, buildBinaryBody);
	return { method, path, query, headers, body };
}
