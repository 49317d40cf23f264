import { Transform, type Readable, type TransformCallback } from 'node:stream';

import { chain, contentDecoders } from './readBody';

/** Below this many decoded bytes the ratio is not checked: a small, very compressible file is no threat. */
export const EXPANSION_ALLOWANCE_BYTES = 1024 * 1024;

export interface GuardedBody {
	/** The decoded body; it errors (and the connection closes) when the ratio is crossed. */
	stream: Readable;
	/** Set once the ratio was crossed: what was received and decoded by then. */
	exceeded(): { receivedBytes: number; decodedBytes: number } | undefined;
}

class ExpansionExceeded extends Error {}

/**
 * Undoes `Content-Encoding` while counting the bytes received on the wire and the bytes decoded from them. When
 * the decoded bytes pass `maxRatio` times the received ones (after the first EXPANSION_ALLOWANCE_BYTES), the
 * stream fails at once: a few KB of gzip or brotli cannot become gigabytes in memory or on disk.
 * A `maxRatio` of 0 turns the check off.
 */
export function guardedDecodedStream(
	body: Readable,
	contentEncoding: string | undefined,
	maxRatio: number,
): GuardedBody {
	const decoders = contentDecoders(contentEncoding);
	if (!decoders.length || maxRatio <= 0)
		return { stream: chain(body, ...decoders), exceeded: () => undefined };
	let receivedBytes = 0;
	let decodedBytes = 0;
	let exceeded = false;
	const countReceived = new Transform({
		transform(chunk: Buffer, _encoding, callback: TransformCallback) {
			receivedBytes += chunk.length;
			callback(null, chunk);
		},
	});
	const limitDecoded = new Transform({
		transform(chunk: Buffer, _encoding, callback: TransformCallback) {
			decodedBytes += chunk.length;
			if (decodedBytes > EXPANSION_ALLOWANCE_BYTES && decodedBytes > receivedBytes * maxRatio) {
				exceeded = true;
				callback(
					new ExpansionExceeded('The decoded body expands past the compression ratio limit'),
				);
				return;
			}
			callback(null, chunk);
		},
	});
	return {
		stream: chain(body, countReceived, ...decoders, limitDecoded),
		exceeded: () => (exceeded ? { receivedBytes, decodedBytes } : undefined),
	};
}
