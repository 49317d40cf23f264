import { createHash } from 'node:crypto';

import { PassthroughFailure } from '../errors/passthroughFailure';
import {
	jsonMayHideSecret,
	redactCutOffSecret,
	redactHeaders,
	redactSecret,
	redactSecretDeep,
} from '../shared/redact';
import type { RawResponse } from '../transport/send';
import {
	charsetOf,
	classifyResponse,
	isJsonMediaType,
	mediaTypeOf,
	type BodyKind,
	type ResponseFormat,
} from './contentType';
import { decodableEncodings, decodedStream, readHead, readWithin } from './readBody';
import { decodeText } from './decodeText';
import { responseTooLarge, tooManyContentEncodings } from '../errors/limitFailures';
import { readFile, type BinaryStore } from './readFile';

export type { BinaryStore } from './readFile';

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

/** One is what servers send; a few more are tolerated. Each is a decoder with its own window in memory. */
const MAX_CONTENT_ENCODINGS = 3;

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
	const base: Pick<ReadResponse<TBinary>, 'statusCode' | 'headers' | 'fingerprint'> = {
		statusCode,
		headers,
	};

	if (kind === 'empty') {
		await raw.body.dump().catch(() => undefined);
		return { ...base, kind };
	}
	const contentEncoding = headerValue(headers['content-encoding']);
	if (decodableEncodings(contentEncoding).length > MAX_CONTENT_ENCODINGS) {
		raw.body.destroy();
		throw tooManyContentEncodings(contentEncoding!, MAX_CONTENT_ENCODINGS, statusCode);
	}
	if (kind === 'binary') {
		const file = {
			statusCode,
			contentType,
			contentEncoding,
			contentDisposition: headerValue(headers['content-disposition']),
			body: raw.body,
		};
		return { ...base, kind, binary: await readFile(file, options, storeBinary) };
	}

	const stream = decodedStream(raw.body, contentEncoding);
	let bytes: Buffer;
	let cut = false;
	if (success) {
		const whole = await readWithin(stream, options.maxBodyBytes);
		if (!whole) throw responseTooLarge(options.maxBodyBytes, statusCode);
		bytes = whole;
	} else {
		// An error body is read for its message only: a huge one (an HTML error page of a proxy) is cut short.
		({ bytes, truncated: cut } = await readHead(
			stream,
			Math.min(options.maxBodyBytes, MAX_ERROR_BODY_BYTES),
		));
	}
	let text = redactSecret(decodeText(bytes, charsetOf(contentType)), options.secret);
	if (cut) text = redactCutOffSecret(text, options.secret);
	if (options.fingerprint) base.fingerprint = createHash('sha1').update(bytes).digest('base64');
	if (kind === 'text') return { ...base, kind, body: text };
	if (text.trim() === '') return { ...base, kind: 'json', body: {} };
	try {
		const body = JSON.parse(text) as unknown;
		return {
			...base,
			kind: 'json',
			body: jsonMayHideSecret(text, options.secret) ? redactSecretDeep(body, options.secret) : body,
		};
	} catch (error) {
		const declaredJson = isJsonMediaType(mediaTypeOf(contentType));
		if (!success || options.neverError) return { ...base, kind: 'text', body: text };
		throw new PassthroughFailure(
			declaredJson
				? `The response says it is JSON (${mediaTypeOf(contentType)}) but its body is not valid JSON: ${(error as Error).message}`
				: `The response body is not valid JSON: ${(error as Error).message}`,
			{
				description:
					'Set "Response Format" to "Text" to receive the body as it is, or turn on "Never Error".',
				statusCode,
				body: text.slice(0, 1000),
			},
		);
	}
}
