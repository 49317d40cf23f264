import { maxHeaderSize } from 'node:http';

import { errorCode } from './errorCode';
import { callTarget, type CallTarget } from '../shared/callTarget';
import { PassthroughFailure } from './passthroughFailure';
import { localFailure } from './localFailure';
import { seconds } from '../shared/values';

export interface NetworkErrorContext extends CallTarget {
	headersTimeoutMs: number;
	bodyTimeoutMs: number;
}

/** Codes where the request certainly never reached the server, so even a POST can be sent again. */
export const NOT_SENT_CODES: ReadonlySet<string> = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENETDOWN',
	'EADDRNOTAVAIL',
	'UND_ERR_CONNECT_TIMEOUT',
]);

function kib(bytes: number): string {
	return `${Math.round(bytes / 1024)} KiB`;
}

export function wasNeverSent(error: unknown): boolean {
	const code = errorCode(error);
	return code !== undefined && NOT_SENT_CODES.has(code);
}

interface Explanation {
	message: string;
	description: string;
}

/** What a code raised by the network or the HTTP client means; undefined for any other code. */
function explain(code: string, context: NetworkErrorContext): Explanation | undefined {
	switch (code) {
		case 'UND_ERR_HEADERS_TIMEOUT':
			return {
				message: `No response within ${seconds(context.headersTimeoutMs)} (timeout)`,
				description:
					'Unified.to or the upstream API took too long to answer. Raise the "Timeout" option if the call is slow by nature.',
			};
		case 'UND_ERR_BODY_TIMEOUT':
			return {
				message: `The response stalled: no data for ${seconds(context.bodyTimeoutMs)} while reading the body`,
				description:
					'The upstream stopped sending mid-response. Try again; raise "Timeout" for very slow downloads.',
			};
		case 'UND_ERR_CONNECT_TIMEOUT':
			return {
				message: 'Could not connect to Unified.to (connect timeout)',
				description:
					'Check the network, proxy settings, and the region or base URL in the credential.',
			};
		case 'ETIMEDOUT':
			return {
				message: 'The network connection to Unified.to timed out',
				description:
					'The connection went silent at the network level. Check the network and proxy settings, then try again.',
			};
		case 'ECONNREFUSED':
			return {
				message: 'Connection refused by the Unified.to API host',
				description:
					'Check the region or custom base URL in the credential, and any proxy settings.',
			};
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return {
				message: 'The Unified.to API host name could not be resolved (DNS)',
				description: 'Check the network and the region or custom base URL in the credential.',
			};
		case 'EHOSTUNREACH':
		case 'ENETUNREACH':
		case 'ENETDOWN':
		case 'EADDRNOTAVAIL':
			return {
				message: `The Unified.to API host cannot be reached from this machine (${code})`,
				description: 'Check the network, firewall and proxy settings of the machine running n8n.',
			};
		case 'ECONNRESET':
		case 'ECONNABORTED':
		case 'EPIPE':
		case 'UND_ERR_SOCKET':
		case 'UND_ERR_CLOSED':
		case 'UND_ERR_DESTROYED':
		case 'ERR_STREAM_PREMATURE_CLOSE':
			return {
				message: 'The connection was closed before the response was complete',
				description:
					'A network problem or the server dropped the connection. It may be temporary: try again.',
			};
		case 'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH':
		case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH':
			return {
				message: 'The body length did not match its Content-Length',
				description: 'The body was cut short or was longer than announced. Try again.',
			};
		case 'UND_ERR_RES_EXCEEDED_MAX_SIZE':
		case 'UND_ERR_RESPONSE_EXCEEDED_MAX_SIZE':
			return {
				message: 'The response is larger than allowed',
				description: 'Request a smaller page.',
			};
		case 'UND_ERR_HEADERS_OVERFLOW':
			return {
				message: `The response headers were larger than the ${kib(maxHeaderSize)} the HTTP client accepts`,
				description:
					'Unified.to or the upstream API answered with more header data than Node.js allows (its --max-http-header-size setting). Not retried: the same request gets the same headers.',
			};
		case 'UND_ERR_INFO':
		case 'UND_ERR_RESPONSE':
		case 'HPE_INVALID_CONSTANT':
		case 'HPE_INVALID_HEADER_TOKEN':
		case 'HPE_UNEXPECTED_CONTENT_LENGTH':
			return {
				message: `The server sent a malformed HTTP response (${code})`,
				description:
					'Unified.to or a proxy in between answered with something that is not valid HTTP. Try again.',
			};
		case 'ERR_BROTLI_DECOMPRESSION_FAILED':
			return {
				message: 'The compressed response body could not be decoded',
				description: 'The body does not match its Content-Encoding, or was cut short. Try again.',
			};
		case 'ABORT_ERR':
		case 'UND_ERR_ABORT':
		case 'UND_ERR_ABORTED':
			return { message: 'The request was cancelled', description: 'The execution was stopped.' };
		case 'UND_ERR_INVALID_ARG':
		case 'UND_ERR_INVALID_RETURN_VALUE':
		case 'UND_ERR_NOT_SUPPORTED':
		case 'ERR_INVALID_URL':
		case 'ERR_INVALID_ARG_TYPE':
			return {
				message: `The request could not be built (${code})`,
				description: "Check the credential's base URL and the node's parameters.",
			};
		case 'UND_ERR_PRX_TLS':
			return {
				message: 'The TLS connection through the proxy failed',
				description:
					'Check the "Proxy" option or the HTTPS_PROXY variable, and "Ignore SSL Issues" for a proxy with its own certificate.',
			};
		case 'UND_ERR_REQ_RETRY':
		case 'UND_ERR_BPL_MISSING_UPSTREAM':
		case 'UND_ERR_MAX_ORIGINS_REACHED':
		case 'UND_ERR_WS_MESSAGE_SIZE_EXCEEDED':
		case 'UND_ERR':
			return {
				message: `The HTTP client failed (${code})`,
				description:
					'An unexpected error inside the HTTP client. Try again; if it persists, report it with this code.',
			};
		default:
			if (code.startsWith('Z_') || code.startsWith('ERR__ERROR_FORMAT')) {
				return {
					message: 'The compressed response body could not be decoded',
					description: 'The body does not match its Content-Encoding, or was cut short. Try again.',
				};
			}
			if (/CERT|SSL|TLS|SIGNATURE/.test(code) || code === 'EPROTO') {
				return {
					message: `The server's TLS certificate or TLS handshake was rejected (${code})`,
					description:
						'For a custom base URL with a self-signed certificate, enable "Ignore SSL Issues".',
				};
			}
			return undefined;
	}
}

/**
 * A message a user understands, naming the connection and path; never the key, never the full URL. Undefined
 * when the error did not come from the network or the HTTP client (a full disk, a string too long...): that is
 * a local failure, and must not be reported as a network one.
 */
export function networkFailure(
	error: unknown,
	context: NetworkErrorContext,
): PassthroughFailure | undefined {
	const code = errorCode(error);
	const explanation = code === undefined ? undefined : explain(code, context);
	if (!explanation) return undefined;
	return new PassthroughFailure(`${explanation.message} (${callTarget(context)})`, {
		description: explanation.description,
		code,
	});
}

/**
 * The error a failed call ends with once it is not retried: a network failure the user can act on, or else a
 * failure of the n8n machine itself, named as such.
 */
export function callFailure(error: unknown, context: NetworkErrorContext): PassthroughFailure {
	return networkFailure(error, context) ?? localFailure(error, context);
}
