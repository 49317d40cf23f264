import { Readable } from 'node:stream';

/** A stream that never ends by itself; counts the chunks it was asked for, so a test can see that reading stopped. */
export function endless(chunk: Buffer): { stream: Readable; produced: () => number } {
	let produced = 0;
	const stream = new Readable({
		read() {
			produced++;
			this.push(chunk);
		},
	});
	return { stream, produced: () => produced };
}
