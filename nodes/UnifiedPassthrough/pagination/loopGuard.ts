import { createHash } from 'node:crypto';

import { PaginationError } from './error';

/** A page's fingerprint when the fetch gave none: the hash of its parsed JSON, serialized again. */
export function pageFingerprint(body: unknown): string {
	return createHash('sha1').update(JSON.stringify(body) ?? '').digest('base64');
}

/**
 * Stops a pagination that would never end: an upstream that hands out a cursor or next URL it handed out
 * before, or serves the same page again. Holds one fingerprint and the keys seen (short strings), never pages.
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
		const first = this.seen.get(key);
		if (first !== undefined) {
			throw new PaginationError(
				`Pagination stopped: page ${page} returned the same next cursor or URL as page ${first} ("${key.length > 80 ? `${key.slice(0, 80)}...` : key}"), which would loop forever`,
				'The upstream repeats its cursor. Check the cursor path and parameter for this API, or lower "Max Pages".',
			);
		}
		this.seen.set(key, page);
	}
}
