import { createHash } from 'node:crypto';

import { PaginationError } from '../errors/paginationError';

/** A page's fingerprint when the fetch gave none: the hash of its parsed JSON, serialized again. */
export function pageFingerprint(body: unknown): string {
	return createHash('sha1')
		.update(JSON.stringify(body) ?? '')
		.digest('base64');
}

/**
 * A fixed-size stand-in for a cursor or next URL: an upstream's cursors may be megabytes each. Hashed as UTF-16
 * code units, which is lossless: as UTF-8, two cursors differing only in a lone surrogate would look the same.
 */
function keyDigest(key: string): string {
	return createHash('sha256').update(key, 'utf16le').digest('base64');
}

function preview(key: string): string {
	return key.length > 80 ? `${key.slice(0, 80)}...` : key;
}

/**
 * Stops a pagination that would never end: an upstream that hands out a cursor or next URL it handed out
 * before, or serves the same page again. Holds one page fingerprint and a digest of each key seen, never pages
 * or keys themselves.
 */
export class LoopGuard {
	private readonly seen = new Map<string, number>();

	private previous: string | undefined;

	/** `fingerprint` identifies the page's content (see pageFingerprint). */
	checkPage(page: number, fingerprint: string): void {
		if (fingerprint === this.previous) {
			throw new PaginationError(
				`Pagination stopped: page ${page} is identical to page ${page - 1}, so the upstream is not moving forward`,
				'The upstream ignored the paging parameter. Check the pagination mode and its parameter names for this API.',
			);
		}
		this.previous = fingerprint;
	}

	/** `page` is the page that returned `key`. */
	checkKey(page: number, key: string | undefined): void {
		if (key === undefined) return;
		const digest = keyDigest(key);
		const first = this.seen.get(digest);
		if (first !== undefined) {
			throw new PaginationError(
				`Pagination stopped: page ${page} returned the same next cursor or URL as page ${first} ("${preview(key)}"), which would loop forever`,
				'The upstream repeats its cursor. Check the cursor path and parameter for this API, or lower "Max Pages".',
			);
		}
		this.seen.set(digest, page);
	}
}
