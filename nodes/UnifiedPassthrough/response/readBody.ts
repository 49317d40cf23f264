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

export async function readAll(stream: Readable): Promise<Buffer> {
	// undici's own body collects without the per-chunk cost of async iteration (the common, uncompressed case).
	const body = stream as Readable & { arrayBuffer?: () => Promise<ArrayBuffer> };
	if (typeof body.arrayBuffer === 'function') return Buffer.from(await body.arrayBuffer());
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
	return Buffer.concat(chunks);
}
