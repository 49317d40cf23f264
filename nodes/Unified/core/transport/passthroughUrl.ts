import { assertSafePath } from '../request/pathSafety';
import { encodeQuery } from '../request/query';
import type { RequestSpec } from '../request/requestSpec';
import { ParameterError } from '../errors/parameterError';

/**
 * The URL a passthrough call is sent to, parsed exactly as undici parses it (WHATWG URL, which resolves dot
 * segments, "%2e%2e" included) and handed to undici as that object, so what is checked here is what is sent.
 * The last line of defence: every path and next link was checked before, but whatever slipped through must
 * still not leave `<base>/passthrough/<connection>/` with the workspace key.
 */
export function passthroughUrl(
	baseUrl: string,
	connectionId: string,
	spec: Pick<RequestSpec, 'path' | 'query'>,
): URL {
	const query = encodeQuery(spec.query);
	const prefix = `/passthrough/${encodeURIComponent(connectionId)}/`;
	const url = new URL(`${baseUrl}${prefix}${spec.path}${query ? `?${query}` : ''}`);
	const base = new URL(baseUrl);
	const expectedPrefix = `${base.pathname.replace(/\/+$/, '')}${prefix}`;
	const inside =
		url.origin === base.origin &&
		url.username === '' &&
		url.password === '' &&
		url.hash === '' &&
		url.pathname.startsWith(expectedPrefix);
	if (!inside) {
		throw new ParameterError(
			'path',
			`The request would leave this connection's passthrough (${expectedPrefix}); not sent`,
		);
	}
	assertSafePath(url.pathname.slice(expectedPrefix.length));
	return url;
}
