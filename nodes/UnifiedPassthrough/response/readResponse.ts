import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

import { PassthroughFailure } from '../shared/failure';
import { redactHeaders, redactSecret } from '../shared/redact';
import type { RawResponse } from '../transport/send';
import { charsetOf, classifyResponse, isJsonMediaType, mediaTypeOf, type BodyKind, type ResponseFormat } from './contentType';
import { decodedStream, readHead, readWithin } from './readBody';
import { decodeText } from './decodeText';
import { guardedDecodedStream } from './expansionGuard';
import { fileNameFromContentDisposition, fileNameFromPath } from './fileName';
import { compressionRatioExceeded, responseTooLarge } from './limitFailures';

export interface ReadOptions {
	format: ResponseFormat;
	neverError: boolean;
	/** Scrubbed from every text body: a misbehaving server must not echo the key into n8n's data. */
	secret: string;
	path: string;
	/** Also return a hash of the body bytes (pagination's identical-page guard), computed while they are at hand. */
	fingerprint?: boolean;
	/** The largest JSON or text body, decoded; a larger one fails the item ("Max Response Size"). */
	maxBodyBytes: number;
	/** For files: the most decoded bytes per byte received; 0 turns the check off ("Max Compression Ratio"). */
	maxCompressionRatio: number;
}

/** Stores a streamed file body (n8n's prepareBinaryData) and returns what to put under `binary`. */
export type BinaryStore<TBinary> = (stream: Readable, fileName: string | undefined, mimeType: string) => Promise<TBinary>;

export interface ReadResponse<TBinary> {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	kind: BodyKind;
	/** Parsed JSON or decoded text; undefined for empty and binary bodies. */
	body?: unknown;
	binary?: TBinary;
	/** SHA-1 of the body bytes, when asked for. */
	fingerprint?: string;
}

function headerValue(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value.join(', ') : value;
}

const MAX_ERROR_BODY_BYTES = 1024 * 1024;

export function isSuccessStatus(statusCode: number): boolean {
	return statusCode >= 200 && statusCode < 300;
}

export async function readResponse<TBinary>(
	raw: RawResponse,
	options: ReadOptions,
	storeBinary: BinaryStore<TBinary>,
): Promise<ReadResponse<TBinary>> {
	const { statusCode } = raw;
	const headers = redactHeaders(raw.headers, options.secret);
	const contentType = headerValue(headers['content-type']);
	const success = isSuccessStatus(statusCode);
	const kind = classifyResponse(options.format, statusCode, contentType, success);
	const base: Pick<ReadResponse<TBinary>, 'statusCode' | 'headers' | 'fingerprint'> = { statusCode, headers };

	if (kind === 'empty') {
		await raw.body.dump().catch(() => undefined);
		return { ...base, kind };
	}
	const contentEncoding = headerValue(headers['content-encoding']);
	if (kind === 'binary') {
		const fileName =
			fileNameFromContentDisposition(headerValue(headers['content-disposition'])) ?? fileNameFromPath(options.path);
		const mimeType = mediaTypeOf(contentType) || 'application/octet-stream';
		const guarded = guardedDecodedStream(raw.body, contentEncoding, options.maxCompressionRatio);
		const ratioFailure = () => {
			const exceeded = guarded.exceeded();
			return exceeded && compressionRatioExceeded(options.maxCompressionRatio, exceeded.receivedBytes, exceeded.decodedBytes, statusCode);
		};
		let binary: TBinary;
		try {
			binary = await storeBinary(guarded.stream, fileName, mimeType);
		} catch (error) {
			throw ratioFailure() || error;
		}
		const failure = ratioFailure();
		if (failure) throw failure;
		return { ...base, kind, binary };
	}

	const stream = decodedStream(raw.body, contentEncoding);
	let bytes: Buffer;
	if (success) {
		const whole = await readWithin(stream, options.maxBodyBytes);
		if (!whole) throw responseTooLarge(options.maxBodyBytes, statusCode);
		bytes = whole;
	} else {
		// An error body is read for its message only: a huge one (an HTML error page of a proxy) is cut short.
		bytes = (await readHead(stream, Math.min(options.maxBodyBytes, MAX_ERROR_BODY_BYTES))).bytes;
	}
	const text = redactSecret(decodeText(bytes, charsetOf(contentType)), options.secret);
	if (options.fingerprint) base.fingerprint = createHash('sha1').update(bytes).digest('base64');
	if (kind === 'text') return { ...base, kind, body: text };
	if (text.trim() === '') return { ...base, kind: 'json', body: {} };
	try {
		return { ...base, kind: 'json', body: JSON.parse(text) as unknown };
	} catch (error) {
		const declaredJson = isJsonMediaType(mediaTypeOf(contentType));
		if (!success || options.neverError) return { ...base, kind: 'text', body: text };
		throw new PassthroughFailure(
			declaredJson
				? `The response says it is JSON (${mediaTypeOf(contentType)}) but its body is not valid JSON: ${(error as Error).message}`
				: `The response body is not valid JSON: ${(error as Error).message}`,
			{
				description: 'Set "Response Format" to "Text" to receive the body as it is, or turn on "Never Error".',
				statusCode,
				body: text.slice(0, 1000),
			},
		);
	}
}
