import type { Readable } from 'node:stream';

import { redactSecret } from '../shared/redact';
import { mediaTypeOf } from './contentType';
import { guardedDecodedStream } from './expansionGuard';
import { fileNameFromContentDisposition, fileNameFromPath } from './fileName';
import { compressionRatioExceeded, fileHoldsSecret } from '../errors/limitFailures';
import { scanForSecret } from './secretScan';

/** Stores a streamed file body (n8n's prepareBinaryData) and returns what to put under `binary`. */
export type BinaryStore<TBinary> = (
	stream: Readable,
	fileName: string | undefined,
	mimeType: string,
) => Promise<TBinary>;

export interface FileResponse {
	statusCode: number;
	/** Already redacted. */
	contentType?: string;
	contentEncoding?: string;
	contentDisposition?: string;
	body: Readable;
}

export interface FileReadOptions {
	secret: string;
	/** The request path: its last segment names a file that Content-Disposition does not. */
	path: string;
	maxCompressionRatio: number;
}

/**
 * Streams a file body into the binary store, decoded, within the compression ratio limit; a file that holds the
 * API key fails the item instead of being stored.
 */
export async function readFile<TBinary>(
	response: FileResponse,
	options: FileReadOptions,
	storeBinary: BinaryStore<TBinary>,
): Promise<TBinary> {
	const { secret } = options;
	// Redacted again after decoding: filename* is percent-encoded, file names are NFKC-normalised, and the MIME
	// type is lower-cased, so a key spelled another way in the header only becomes the key here.
	const fileName =
		fileNameFromContentDisposition(response.contentDisposition) ?? fileNameFromPath(options.path);
	const mimeType =
		redactSecret(mediaTypeOf(response.contentType), secret) || 'application/octet-stream';
	const guarded = guardedDecodedStream(
		response.body,
		response.contentEncoding,
		options.maxCompressionRatio,
	);
	const ratioFailure = () => {
		const exceeded = guarded.exceeded();
		return (
			exceeded &&
			compressionRatioExceeded(
				options.maxCompressionRatio,
				exceeded.receivedBytes,
				exceeded.decodedBytes,
				response.statusCode,
			)
		);
	};
	const scanned = scanForSecret(guarded.stream, secret);
	let binary: TBinary;
	try {
		binary = await storeBinary(
			scanned.stream,
			fileName === undefined ? undefined : redactSecret(fileName, secret),
			mimeType,
		);
	} catch (error) {
		// The store sees only a failed stream; the reason is known here.
		throw ratioFailure() || (scanned.found() && fileHoldsSecret(response.statusCode)) || error;
	}
	const failure = ratioFailure();
	if (failure) throw failure;
	return binary;
}
