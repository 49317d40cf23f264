import { everyDecoding } from './percentEscapes';
import { isReservedDomainName } from './reservedDomain';
import { ParameterError } from '../errors/parameterError';

/** A URL scheme at the start: "https:", "mailto:"... */
export const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

// C0 controls, DEL and C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;
// IIS-style "%u002e": no standard decoder reads it, some servers do.
const PERCENT_U = /%u[0-9A-Fa-f]{4}/i;
// Unified decodes once, an upstream or a proxy in front of it may decode again: every layer is checked.
const MAX_LAYERS = 4;

/**
 * Escapes that are not UTF-8 are refused: no two decoders agree on them, so no check could say what the server
 * will see.
 */
function refuseNotUtf8(parameter: string): (run: string) => string {
	return (run) => {
		throw new ParameterError(
			parameter,
			`Path has percent-escapes that are not UTF-8 ("${run.slice(0, 24)}"); write a literal "%" as "%25"`,
		);
	};
}

/** The segment as a lenient server may read it: compatibility forms folded ("．" is "."), path parameters dropped. */
function segmentName(segment: string): string {
	return segment.split(';')[0].trim();
}

function isDotSegment(segment: string): boolean {
	return /^\.+$/.test(segmentName(segment));
}

/**
 * `;name=value` after a segment is a path parameter to most servers, but some routers (Fastify 4's default) read
 * the ";" as the start of the query, so `customers;__domain=evil` would set Unified's `__domain` there.
 */
function reservedPathParameter(segment: string): string | undefined {
	const semicolon = segment.indexOf(';');
	if (semicolon === -1) return undefined;
	return segment
		.slice(semicolon + 1)
		.split(/[;&]/)
		.map((parameter) => parameter.split('=')[0])
		.find((name) => isReservedDomainName(name));
}

function checkLayer(layer: string, decoded: boolean, parameter: string): void {
	const fail = (message: string) => {
		throw new ParameterError(parameter, message);
	};
	if (CONTROL_CHARS.test(layer)) fail('Path must not contain control characters');
	// Unified decodes the path before routing: an encoded "?" or "#" would become a query or fragment there.
	if (decoded && /[?#]/.test(layer))
		fail('Path must not contain a percent-encoded "?" or "#"; put the query after a plain "?"');
	const folded = layer.normalize('NFKC');
	for (const text of folded === layer ? [layer] : [layer, folded]) {
		// Folded too: "＼" is a backslash and "％ｕ００２ｅ" is "%u002e" to a server that folds.
		if (text.includes('\\')) fail('Path must not contain a backslash');
		if (PERCENT_U.test(text)) fail('Path must not contain "%u" escapes');
		const segments = text.split('/');
		if (segments.some(isDotSegment))
			fail('Path must not contain "." or ".." segments (in any spelling or encoding)');
		const reserved = segments.map(reservedPathParameter).find((name) => name !== undefined);
		if (reserved !== undefined) {
			fail(
				`Path must not carry ";${reserved}": "__domain" is reserved by Unified.to; set the upstream domain with the "Domain" option instead`,
			);
		}
		if (SCHEME.test(text.replace(/^\/+/, '')) || text.startsWith('//')) {
			fail('Path must not be an absolute URL, also not percent-encoded');
		}
	}
}

/**
 * Rejects anything that could make a request leave this connection's passthrough. `wirePath` is the path as it
 * is sent (percent-encoded, no query); it is checked as sent and at every decoding layer below that, each layer
 * also decoded after NFKC folding (full-width "％２ｅ" is "%2e" to a server that folds before it decodes).
 */
export function assertSafePath(wirePath: string, parameter = 'path'): void {
	const complete = everyDecoding(wirePath, MAX_LAYERS, refuseNotUtf8(parameter), (layer, depth) =>
		checkLayer(layer, depth > 0, parameter),
	);
	if (!complete) throw new ParameterError(parameter, 'Path is percent-encoded too many times');
}
