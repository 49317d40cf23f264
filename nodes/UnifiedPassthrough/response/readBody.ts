import { pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** Undoes `Content-Encoding` (gzip, deflate, br), as a stream; unknown encodings pass through unchanged. */
export function decodedStream(body: Readable, contentEncoding: string | undefined): Readable {
	const encodings = (contentEncoding ?? '')
		.toLowerCase()
		.split(',')
		.map((part) => part.trim())
		.filter((part) => part && part !== 'identity')
		.reverse();
	let stream = body;
	for (const encoding of encodings) {
		const decoder =
			encoding === 'gzip' || encoding === 'x-gzip'
				? createGunzip()
				: encoding === 'deflate'
					? createInflate()
					: encoding === 'br'
						? createBrotliDecompress()
						: undefined;
		if (!decoder) continue;
		stream = pipeline(stream, decoder, () => undefined) as Readable;
	}
	return stream;
}

/** The whole body, or its first `maxBytes` (the rest is dropped and the connection closed). */
export async function readAll(stream: Readable, maxBytes?: number): Promise<Buffer> {
	// undici's own body collects without the per-chunk cost of async iteration (the common, uncompressed case).
	const body = stream as Readable & { arrayBuffer?: () => Promise<ArrayBuffer> };
	if (maxBytes === undefined && typeof body.arrayBuffer === 'function') return Buffer.from(await body.arrayBuffer());
	const chunks: Buffer[] = [];
	let length = 0;
	for await (const chunk of stream) {
		const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
		chunks.push(buffer);
		length += buffer.length;
		if (maxBytes !== undefined && length >= maxBytes) {
			stream.destroy();
			return Buffer.concat(chunks).subarray(0, maxBytes);
		}
	}
	return Buffer.concat(chunks);
}
