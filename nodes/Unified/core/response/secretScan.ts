import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';

import { redactable } from '../shared/redact';

/**
 * The spellings of the key a file's bytes may hold: UTF-8, and UTF-16 in both byte orders (PDF text strings,
 * Windows text files). JSON escapes and NFKC folds are left to the JSON and text paths: in a file they are only
 * the key after a later step the node does not take.
 */
export function secretByteForms(secret: string): Buffer[] {
	if (!redactable(secret)) return [];
	const littleEndian = Buffer.from(secret, 'utf16le');
	const bigEndian = Buffer.from(littleEndian).swap16();
	return [Buffer.from(secret, 'utf8'), littleEndian, bigEndian];
}

class SecretScan extends Transform {
	found = false;

	private held = Buffer.alloc(0);

	private readonly overlap: number;

	constructor(private readonly forms: Buffer[]) {
		super();
		this.overlap = Math.max(...forms.map((form) => form.length)) - 1;
	}

	private holdsSecret(chunk: Buffer): boolean {
		if (this.forms.some((form) => chunk.includes(form))) return true;
		if (this.held.length === 0) return false;
		// A key split between chunks: the bytes held back from before, and the start of this chunk.
		const seam = Buffer.concat([this.held, chunk.subarray(0, this.overlap)]);
		return this.forms.some((form) => seam.includes(form));
	}

	_transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
		if (this.holdsSecret(chunk)) {
			this.found = true;
			callback(new Error('The file holds the API key'));
			return;
		}
		// The last bytes are held back until the next chunk clears them: no byte of a key split between two chunks
		// reaches the store before the scan has seen the whole key.
		if (chunk.length >= this.overlap) {
			if (this.held.length > 0) this.push(this.held);
			this.push(chunk.subarray(0, chunk.length - this.overlap));
			this.held = Buffer.from(chunk.subarray(chunk.length - this.overlap));
		} else {
			const joined = Buffer.concat([this.held, chunk]);
			const release = joined.length - this.overlap;
			if (release > 0) this.push(joined.subarray(0, release));
			this.held = release > 0 ? joined.subarray(release) : joined;
		}
		callback();
	}

	_flush(callback: TransformCallback): void {
		callback(null, this.held.length > 0 ? this.held : undefined);
	}
}

/**
 * `source` as it is, failing (and stopping the download) where it holds the API key in any of its byte
 * spellings, also split between chunks. `found()` tells that failure from any other.
 */
export function scanForSecret(
	source: Readable,
	secret: string,
): { stream: Readable; found: () => boolean } {
	const forms = secretByteForms(secret);
	if (forms.length === 0) return { stream: source, found: () => false };
	const scan = new SecretScan(forms);
	pipeline(source, scan, () => {});
	return { stream: scan, found: () => scan.found };
}
