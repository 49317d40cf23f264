import { fixed } from '../request/body';
import type { RequestSpec } from '../request/requestSpec';
import { PaginationError } from '../errors/paginationError';
import { withPath } from '../shared/jsonPath';
import type { PageChange } from './pageStrategy';

/** The first request's JSON body, parsed once, for strategies that put their parameter in the body. */
export async function readJsonBody(spec: RequestSpec): Promise<Record<string, unknown>> {
	if (!spec.body) return {};
	const notJson = () =>
		new PaginationError(
			'Pagination can only set a body parameter in a JSON object body',
			'Send the body as JSON, or put the paging parameter in the query.',
		);
	if (!/json/i.test(spec.body.contentType ?? '')) throw notJson();
	const payload = await spec.body.open();
	if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) throw notJson();
	let value: unknown;
	try {
		value = JSON.parse(payload.toString());
	} catch {
		throw notJson();
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw notJson();
	return value as Record<string, unknown>;
}

/** `__domain` only ever comes from the Domain option: carried over from the request, never from the upstream. */
function domainPairs(query: Array<[string, string]>): Array<[string, string]> {
	return query.filter(([name]) => name === '__domain');
}

export interface PagedRequest {
	spec: RequestSpec;
	/** The JSON body the body parameters are written into. */
	json: Record<string, unknown>;
}

export function applyChange(request: PagedRequest, change: PageChange): PagedRequest {
	const { spec } = request;
	if (change.kind === 'url') {
		// The link's query was checked for __domain where the link became a path (upstreamLinkToTarget).
		return {
			spec: { ...spec, path: change.path, query: [...change.query, ...domainPairs(spec.query)] },
			json: request.json,
		};
	}
	let query = spec.query;
	let json = request.json;
	let bodyChanged = false;
	for (const param of change.params) {
		const value = String(param.value);
		if (param.in === 'query') {
			query = [...query.filter(([name]) => name !== param.name), [param.name, value]];
		} else {
			json = withPath(json, param.name, param.value);
			bodyChanged = true;
		}
	}
	const body = bodyChanged
		? fixed(JSON.stringify(json), spec.body?.contentType ?? 'application/json; charset=utf-8')
		: spec.body;
	return { spec: { ...spec, query, body }, json };
}
