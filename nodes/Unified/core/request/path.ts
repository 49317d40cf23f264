import { assertSafePath, SCHEME } from './pathSafety';
import { ParameterError } from '../errors/parameterError';

export { SCHEME } from './pathSafety';

export interface SplitPath {
	/** Percent-encoded path relative to the integration's API root, without a leading slash. */
	path: string;
	/** Query pairs that were written after a `?` in the path, decoded. */
	query: Array<[string, string]>;
}

// Characters allowed literally in a path segment (RFC 3986 pchar minus '%', which is checked separately).
const SEGMENT_SAFE = /[A-Za-z0-9\-._~!$&'()*+,;=:@]/;
const VALID_ESCAPE = /^%[0-9A-Fa-f]{2}/;

/** Valid escapes are kept as written; a "%" that starts none is sent as "%25". */
function encodeSegment(segment: string): string {
	let out = '';
	for (let i = 0; i < segment.length; i++) {
		const ch = segment[i];
		if (ch === '%' && VALID_ESCAPE.test(segment.slice(i, i + 3))) {
			out += segment.slice(i, i + 3);
			i += 2;
		} else if (SEGMENT_SAFE.test(ch)) {
			out += ch;
		} else {
			out += encodeURIComponent(ch);
		}
	}
	return out;
}

/**
 * Turns the user's `path` parameter into an encoded relative path plus the query written after `?`.
 * A leading `/` is optional, a trailing `/` is kept.
 */
export function splitAndEncodePath(input: unknown): SplitPath {
	if (typeof input !== 'string') {
		throw new ParameterError('path', 'Path must be a string, e.g. /crm/v3/objects/contacts');
	}
	const raw = input.trim();
	if (SCHEME.test(raw) || raw.startsWith('//')) {
		throw new ParameterError(
			'path',
			"Path must be relative to the integration's API root (e.g. /crm/v3/objects/contacts), not an absolute URL",
		);
	}
	if (raw.includes('#')) {
		throw new ParameterError('path', 'Path must not contain a "#" fragment');
	}
	const questionMark = raw.indexOf('?');
	const pathPart = (questionMark === -1 ? raw : raw.slice(0, questionMark)).replace(/^\/+/, '');
	const queryPart = questionMark === -1 ? '' : raw.slice(questionMark + 1);
	if (pathPart === '') {
		throw new ParameterError(
			'path',
			'Path is empty: give the upstream path, e.g. /crm/v3/objects/contacts',
		);
	}
	const path = pathPart.split('/').map(encodeSegment).join('/');
	// Checked as it will be sent: what the user typed and what goes on the wire can differ ("%" becomes "%25").
	assertSafePath(path);
	const query: Array<[string, string]> = [];
	if (queryPart) {
		for (const [name, value] of new URLSearchParams(queryPart)) query.push([name, value]);
	}
	return { path, query };
}
