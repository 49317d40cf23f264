import { pipeline, type Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

const DECODERS: Record<string, () => Transform> = {
	gzip: createGunzip,
	'x-gzip': createGunzip,
	deflate: createInflate,
	br: createBrotliDecompress,
};

/** The encodings of a `Content-Encoding` header that are undone (gzip, deflate, br), in the order to undo them. */
export function decodableEncodings(contentEncoding: string | undefined): string[] {
	return (contentEncoding ?? '')
		.toLowerCase()
		.split(',')
		.map((part) => part.trim())
		.filter((part) => Object.prototype.hasOwnProperty.call(DECODERS, part))
		.reverse();
}

/** The decoders `Content-Encoding` asks for, in the order to apply them; unknown encodings are skipped. */
export function contentDecoders(contentEncoding: string | undefined): Transform[] {
	return decodableEncodings(contentEncoding).map((encoding) => DECODERS[encoding]());
}

/** `first` piped through `rest`, as one stream; destroying the result destroys them all (and closes the socket). */
export function chain(first: Readable, ...rest: Transform[]): Readable {
	return rest.length ? (pipeline([first, ...rest], () => undefined) as unknown as Readable) : first;
}

/** Undoes `Content-Encoding` (gzip, deflate, br), as a stream; unknown encodings pass through unchanged. */
export function decodedStream(body: Readable, contentEncoding: string | undefined): Readable {
	return chain(body, ...contentDecoders(contentEncoding));
}

interface Collected {
	chunks: Buffer[];
	length: number;
	/** More than `maxBytes` arrived: reading stopped there and the stream was destroyed. */
	longer: boolean;
}

/**
 * Collects a body of at most `maxBytes`. As soon as more arrive, the stream is destroyed (for a response: the
 * connection is closed), so memory stays bounded whatever the sender does.
 */
async function collect(stream: Readable, maxBytes: number): Promise<Collected> {
	return await new Promise<Collected>((resolve, reject) => {
		const chunks: Buffer[] = [];
		let length = 0;
		const settle = (longer: boolean) => {
			stream.removeListener('data', onData);
			stream.removeListener('end', onEnd);
			resolve({ chunks, length, longer });
		};
		const onData = (chunk: Buffer | string) => {
			const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
			chunks.push(buffer);
			length += buffer.length;
			if (length > maxBytes) {
				stream.destroy();
				settle(true);
			}
		};
		const onEnd = () => settle(false);
		// Stays attached: a destroyed stream may still report an error, which must not go unhandled.
		stream.on('error', reject);
		stream.on('data', onData);
		stream.once('end', onEnd);
	});
}

/** The whole body, or undefined when it is longer than `maxBytes` (reading stops there). Exactly `maxBytes` is whole. */
export async function readWithin(stream: Readable, maxBytes: number): Promise<Buffer | undefined> {
	const { chunks, length, longer } = await collect(stream, maxBytes);
	return longer ? undefined : Buffer.concat(chunks, length);
}

/** The body's first `maxBytes`; `truncated` when there was more (reading stops there). */
export async function readHead(
	stream: Readable,
	maxBytes: number,
): Promise<{ bytes: Buffer; truncated: boolean }> {
	const { chunks, length, longer } = await collect(stream, maxBytes);
	return { bytes: Buffer.concat(chunks, Math.min(length, maxBytes)), truncated: longer };
}
