import { RequestValidationError } from './validationError';

export interface SplitPath {
	/** Percent-encoded path relative to the integration's API root, without a leading slash. */
	path: string;
	/** Query pairs that were written after a `?` in the path, decoded. */
	query: Array<[string, string]>;
}

// Characters allowed literally in a path segment (RFC 3986 pchar minus '%', which is checked separately).
const SEGMENT_SAFE = /[A-Za-z0-9\-._~!$&'()*+,;=:@]/;
const VALID_ESCAPE = /^%[0-9A-Fa-f]{2}/;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
/** A URL scheme at the start: "https:", "mailto:"... */
export const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

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

function safeDecode(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}

/**
 * Rejects anything that could make the request leave this connection's passthrough: Unified decodes the
 * path before routing, so every decoding layer is checked, not only the text as written.
 */
function assertSafe(pathPart: string): void {
	let layer = pathPart;
	for (let depth = 0; depth < 4; depth++) {
		if (CONTROL_CHARS.test(layer)) {
			throw new RequestValidationError('path', 'Path must not contain control characters');
		}
		if (layer.includes('\\')) {
			throw new RequestValidationError('path', 'Path must not contain a backslash');
		}
		if (depth > 0 && /[?#]/.test(layer)) {
			// Unified decodes the path before routing: an encoded "?" or "#" would become a query or fragment there.
			throw new RequestValidationError('path', 'Path must not contain a percent-encoded "?" or "#"; put the query after a plain "?"');
		}
		if (layer.split(/[/?#]/).some((segment) => segment === '.' || segment === '..')) {
			throw new RequestValidationError(
				'path',
				'Path must not contain "." or ".." segments (also not percent-encoded)',
			);
		}
		if (SCHEME.test(layer.replace(/^\/+/, '')) || layer.startsWith('//')) {
			throw new RequestValidationError('path', 'Path must not be an absolute URL, also not percent-encoded');
		}
		const next = safeDecode(layer);
		if (next === layer) return;
		layer = next;
	}
	throw new RequestValidationError('path', 'Path is percent-encoded too many times');
}

/**
 * Turns the user's `path` parameter into an encoded relative path plus the query written after `?`.
 * A leading `/` is optional, a trailing `/` is kept.
 */
export function splitAndEncodePath(input: unknown): SplitPath {
	if (typeof input !== 'string') {
		throw new RequestValidationError('path', 'Path must be a string, e.g. /crm/v3/objects/contacts');
	}
	const raw = input.trim();
	if (SCHEME.test(raw) || raw.startsWith('//')) {
		throw new RequestValidationError(
			'path',
			'Path must be relative to the integration\'s API root (e.g. /crm/v3/objects/contacts), not an absolute URL',
		);
	}
	if (raw.includes('#')) {
		throw new RequestValidationError('path', 'Path must not contain a "#" fragment');
	}
	const questionMark = raw.indexOf('?');
	const pathPart = (questionMark === -1 ? raw : raw.slice(0, questionMark)).replace(/^\/+/, '');
	const queryPart = questionMark === -1 ? '' : raw.slice(questionMark + 1);
	if (pathPart === '') {
		throw new RequestValidationError('path', 'Path is empty: give the upstream path, e.g. /crm/v3/objects/contacts');
	}
	assertSafe(pathPart);
	const query: Array<[string, string]> = [];
	if (queryPart) {
		for (const [name, value] of new URLSearchParams(queryPart)) query.push([name, value]);
	}
	return { path: pathPart.split('/').map(encodeSegment).join('/'), query };
}
