import { stringifyValue } from './keyValue';
import { RequestValidationError } from './validationError';

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Tab is allowed inside a header value; every other control character could split or smuggle a header.
// eslint-disable-next-line no-control-regex
const BAD_VALUE = /[\u0000-\u0008\u000a-\u001f\u007f]/;

/** Headers the transport owns: replacing them would change where or how the request goes, or whose key it uses. */
const FORBIDDEN: Record<string, string> = {
	authorization:
		'Unified.to reads its own API key from it, and the upstream\'s authorization is added by Unified from the connection',
	'proxy-authorization': 'it is managed by the proxy settings',
	host: 'the request must go to the Unified.to API host',
	'content-length': 'it is computed from the body',
	'transfer-encoding': 'it is computed from the body',
	connection: 'connections are managed by the node',
	'keep-alive': 'connections are managed by the node',
	upgrade: 'protocol upgrades are not supported',
	te: 'it is managed by the node',
};

export function buildHeaders(entries: Array<[string, unknown]>, parameter: string): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [rawName, rawValue] of entries) {
		const name = rawName.trim();
		if (!TOKEN.test(name)) {
			throw new RequestValidationError(parameter, `The header name "${name}" is not a valid HTTP header name`);
		}
		const lower = name.toLowerCase();
		const reason = Object.hasOwn(FORBIDDEN, lower) ? FORBIDDEN[lower] : undefined;
		if (reason) {
			throw new RequestValidationError(parameter, `The header "${name}" cannot be set: ${reason}`);
		}
		const value = stringifyValue(rawValue);
		if (BAD_VALUE.test(value)) {
			throw new RequestValidationError(
				parameter,
				`The value of header "${name}" contains a line break or control character`,
			);
		}
		headers[lower] = value;
	}
	return headers;
}
