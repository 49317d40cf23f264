import { PassThrough, type Readable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { chunkByChunk } from '../../../../nodes/Unified/core/runtime/binaryOutput';

async function readAll(stream: Readable): Promise<Buffer[]> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	return chunks;
}

function bodyWith(chunks: Buffer[]): PassThrough {
	const body = new PassThrough();
	for (const chunk of chunks) body.write(chunk);
	body.end();
	return body;
}

describe('chunkByChunk (the response body handed to prepareBinaryData)', () => {
	it('hands over the buffered chunks one by one, the same Buffers, where a byte stream joins them into a copy', async () => {
		const chunks = [Buffer.from('first '), Buffer.from('second '), Buffer.from('third')];
		expect(await readAll(bodyWith(chunks))).toEqual([Buffer.from('first second third')]);
		const handedOver = await readAll(chunkByChunk(bodyWith(chunks)));
		expect(handedOver).toHaveLength(3);
		handedOver.forEach((chunk, index) => expect(chunk).toBe(chunks[index]));
	});

	it("fails the reader with the body's own error (a reset socket, a stalled body), so the retry rules still see it", async () => {
		const body = new PassThrough();
		const handedOver = chunkByChunk(body);
		const error = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
		body.write(Buffer.from('partial'));
		body.destroy(error);
		await expect(readAll(handedOver)).rejects.toBe(error);
	});

	it('destroys the body when the reader gives up (the store failed), which frees the connection', async () => {
		const body = new PassThrough();
		const handedOver = chunkByChunk(body);
		const closed = new Promise((resolve) => body.once('close', resolve));
		handedOver.destroy(new Error('disk full'));
		await closed;
		expect(body.destroyed).toBe(true);
	});
});
