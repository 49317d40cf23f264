import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

import { safeMimeType } from './mimeType';
import type { BodySource } from '../../core/request/requestSpec';

/** A file to send: opened again for every attempt, so a retry gets a fresh stream. */
export interface FileSource {
	fileName?: string;
	mimeType: string;
	/** Byte length, when known; without it the body has no Content-Length and goes chunked. */
	length?: number;
	open(): Promise<Readable | Buffer> | Readable | Buffer;
}

export type MultipartPart = { name: string; value: string } | { name: string; file: FileSource };

const CRLF = '\r\n';

/**
 * Escapes a name for a quoted Content-Disposition parameter. Browsers (WHATWG HTML, multipart/form-data) turn `"`,
 * CR and LF into %22, %0D and %0A; other control characters and `\` are percent-encoded too, since a parser that
 * reads `\"` as an escaped quote would run the value on into the next parameter.
 */
export function escapeDispositionValue(value: string): string {
	return value.replace(
		// eslint-disable-next-line no-control-regex
		/[\u0000-\u001f\u007f"\\]/g,
		(character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
	);
}

export function randomBoundary(): string {
	return `----n8nUnifiedBoundary${randomBytes(12).toString('hex')}`;
}

function partHeader(boundary: string, part: MultipartPart): Buffer {
	let header = `--${boundary}${CRLF}Content-Disposition: form-data; name="${escapeDispositionValue(part.name)}"`;
	if ('file' in part) {
		header += `; filename="${escapeDispositionValue(part.file.fileName || 'file')}"`;
		header += `${CRLF}Content-Type: ${safeMimeType(part.file.mimeType)}`;
	}
	return Buffer.from(`${header}${CRLF}${CRLF}`, 'utf8');
}

/**
 * A multipart/form-data body that streams its files: headers and text fields are small buffers, each file is
 * read from its own source when the body is opened, and the total length is computed up front when every file
 * length is known (so Content-Length is set and nothing is buffered).
 */
export function multipartBody(
	parts: MultipartPart[],
	boundary: string = randomBoundary(),
): BodySource {
	const headers = parts.map((part) => partHeader(boundary, part));
	const values = parts.map((part) =>
		'file' in part ? undefined : Buffer.from(part.value, 'utf8'),
	);
	const separator = Buffer.from(CRLF);
	const closing = Buffer.from(`--${boundary}--${CRLF}`);
	let length: number | undefined = closing.length;
	parts.forEach((part, index) => {
		const contentLength = 'file' in part ? part.file.length : values[index]!.length;
		length =
			length === undefined || contentLength === undefined
				? undefined
				: length + headers[index].length + contentLength + separator.length;
	});

	async function* chunks(): AsyncGenerator<Buffer> {
		for (let index = 0; index < parts.length; index++) {
			yield headers[index];
			const part = parts[index];
			if ('file' in part) {
				const content = await part.file.open();
				if (Buffer.isBuffer(content)) yield content;
				else
					for await (const chunk of content)
						yield typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
			} else {
				yield values[index]!;
			}
			yield separator;
		}
		yield closing;
	}

	return {
		contentType: `multipart/form-data; boundary=${boundary}`,
		contentTypeIsFixed: true,
		length,
		open: () => Readable.from(chunks(), { objectMode: false }),
	};
}
