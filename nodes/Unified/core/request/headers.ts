import { stringifyValue } from './keyValue';
import { ParameterError } from '../errors/parameterError';

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Tab is allowed inside a header value; every other control character could split or smuggle a header.
// eslint-disable-next-line no-control-regex
const BAD_VALUE = /[\u0000-\u0008\u000a-\u001f\u007f]/;

const FORWARDING =
	'it describes a proxy hop or the original host or URL, which could change where or how Unified.to routes the call';
const METHOD_OVERRIDE = 'it would override the method; set the Method parameter instead';

/** Headers no parameter may set: they would change where or how the request goes, or whose key it uses. */
const FORBIDDEN: Record<string, string> = {
	authorization:
		"Unified.to reads its own API key from it, and the upstream's authorization is added by Unified from the connection",
	'proxy-authorization': 'it is managed by the proxy settings',
	host: 'the request must go to the Unified.to API host',
	'content-length': 'it is computed from the body',
	'transfer-encoding': 'it is computed from the body',
	connection: 'connections are managed by the node',
	'keep-alive': 'connections are managed by the node',
	upgrade: 'protocol upgrades are not supported',
	te: 'it is managed by the node',
	forwarded: FORWARDING,
	'x-real-ip': FORWARDING,
	'x-host': FORWARDING,
	'x-rewrite-url': FORWARDING,
	'x-http-method-override': METHOD_OVERRIDE,
	'x-http-method': METHOD_OVERRIDE,
	'x-method-override': METHOD_OVERRIDE,
};

/**
 * Why a header name is refused, or undefined. Refused in every mode, not only when an AI agent writes the headers:
 * the node talks to Unified.to directly, so there is no proxy hop for forwarding headers to describe truthfully,
 * and a method override would make Unified.to or the upstream apply another method than the one the node chose
 * its retries for.
 */
function forbiddenReason(lowerCaseName: string): string | undefined {
	// CGI-style servers read "X_Forwarded_Host" as "X-Forwarded-Host", so "_" and "-" count as the same.
	const name = lowerCaseName.replace(/_/g, '-');
	if (Object.hasOwn(FORBIDDEN, name)) return FORBIDDEN[name];
	if (name.startsWith('x-forwarded') || name.startsWith('x-original-')) return FORWARDING;
	if (name.startsWith('--domain'))
		return 'only the "Domain" option may set Unified.to\'s reserved __domain';
	return undefined;
}

export function buildHeaders(
	entries: Array<[string, unknown]>,
	parameter: string,
): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [rawName, rawValue] of entries) {
		const name = rawName.trim();
		if (!TOKEN.test(name)) {
			throw new ParameterError(
				parameter,
				`The header name "${name}" is not a valid HTTP header name`,
			);
		}
		const lower = name.toLowerCase();
		const reason = forbiddenReason(lower);
		if (reason) {
			throw new ParameterError(parameter, `The header "${name}" cannot be set: ${reason}`);
		}
		const value = stringifyValue(rawValue);
		if (BAD_VALUE.test(value)) {
			throw new ParameterError(
				parameter,
				`The value of header "${name}" contains a line break or control character`,
			);
		}
		headers[lower] = value;
	}
	return headers;
}
