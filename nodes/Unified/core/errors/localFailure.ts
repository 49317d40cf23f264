import { callTarget, type CallTarget } from '../shared/callTarget';
import { errorCode } from './errorCode';
import { PassthroughFailure } from './passthroughFailure';

interface Explanation {
	message: string;
	description: string;
}

const NOT_RETRIED = 'Not retried: it would fail the same way again.';
const MAX_DETAIL_LENGTH = 300;

function explain(code: string | undefined, detail: string): Explanation {
	switch (code) {
		case 'ENOSPC':
		case 'EDQUOT':
			return {
				message: `The disk of the n8n machine is full (${code})`,
				description: `n8n could not write the response to its binary data folder or a temporary file. Free disk space, then run the workflow again. ${NOT_RETRIED}`,
			};
		case 'EACCES':
		case 'EPERM':
		case 'EROFS':
			return {
				message: `n8n may not write or read a file it needs (${code})`,
				description: `Check the permissions of n8n's binary data folder (N8N_BINARY_DATA_STORAGE_PATH). ${NOT_RETRIED}`,
			};
		case 'EMFILE':
		case 'ENFILE':
			return {
				message: `The n8n process has too many files open (${code})`,
				description: `Lower the "Concurrency" option or raise the open-file limit of the n8n machine. ${NOT_RETRIED}`,
			};
		case 'ERR_STRING_TOO_LONG':
			return {
				message:
					'The response is too large to read as text (Node.js caps a string at about 512 MiB)',
				description: `Set "Response Format" to "File" to store it as a file, or ask the API for less data per call. ${NOT_RETRIED}`,
			};
		case 'ERR_BUFFER_TOO_LARGE':
			return {
				message: 'The response is too large to hold in memory',
				description: `Set "Response Format" to "File" to store it as a file, or ask the API for less data per call. ${NOT_RETRIED}`,
			};
		default:
			return {
				message: `Local error on the n8n machine, not a network error${code ? ` (${code})` : ''}: ${detail}`,
				description: `The request or its response could not be handled by n8n itself. ${NOT_RETRIED}`,
			};
	}
}

/** V8's own form of a string over its length limit has no code. */
function isStringTooLong(error: unknown): boolean {
	return error instanceof RangeError && /Invalid string length/i.test(error.message);
}

function detailOf(error: unknown): string {
	const message = String(error instanceof Error ? error.message : error);
	return message.length > MAX_DETAIL_LENGTH ? `${message.slice(0, MAX_DETAIL_LENGTH)}...` : message;
}

/**
 * A failure of the n8n machine itself while one call ran (disk full, a string too long, a bug), named as such
 * with the connection and path. The caller's secret redaction still applies to the message.
 */
export function localFailure(error: unknown, context: CallTarget): PassthroughFailure {
	const code = errorCode(error) ?? (isStringTooLong(error) ? 'ERR_STRING_TOO_LONG' : undefined);
	const { message, description } = explain(code, detailOf(error));
	return new PassthroughFailure(`${message} (${callTarget(context)})`, {
		description,
		code,
	});
}
