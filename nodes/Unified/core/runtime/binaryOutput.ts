import { PassThrough, pipeline, type Readable } from 'node:stream';

/**
 * A response body as n8n's binary store should read it: one chunk per read, as it came off the socket.
 *
 * The store reads with `for await` (filesystem mode: `fs.promises.writeFile`), and a byte stream's read() returns
 * everything buffered at that moment, joined into a new Buffer when more than one chunk waits, which is the usual
 * case when the disk is slower than the network. Those joined copies double part of the download's allocations, and
 * in n8n they are freed only by a full mark-compact, which V8 starts after 64 MB of new external memory and which
 * takes hundreds of milliseconds on n8n's heap, so they raised the peak memory of a download (`npm run e2e`).
 * An object-mode readable side hands over each chunk unchanged; backpressure, errors and aborts still go through
 * `pipeline` in both directions.
 */
export function chunkByChunk(body: Readable): Readable {
	return pipeline(body, new PassThrough({ readableObjectMode: true }), () => undefined);
}
