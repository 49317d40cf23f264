import { createHash } from 'node:crypto';

import type { Delivery } from './payload';

export const DELIVERY_LOG_SIZE = 10_000;
export const DELIVERY_LOG_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * The deliveries this process has run, to run none twice: Unified.to resends a delivery it thinks failed (same
 * nonce), and may send the same records again. Kept in memory because n8n does not save static data written in
 * webhook(); so it does not cover a restart, nor several webhook processes (queue mode's webhook replicas).
 * Bounded: at most `size` keys, each forgotten after `ttlMs`; all share one lifetime, so insertion order is
 * expiry order and the oldest key is always first.
 */
export class DeliveryLog {
	private readonly seen = new Map<string, number>();

	constructor(
		private readonly size = DELIVERY_LOG_SIZE,
		private readonly ttlMs = DELIVERY_LOG_TTL_MS,
	) {}

	/** Whether any of the keys was seen within the lifetime; marks them all as seen now either way. */
	checkAndMark(keys: readonly string[], now: number): boolean {
		this.forgetExpired(now);
		const duplicate = keys.some((key) => this.seen.has(key));
		for (const key of keys) {
			this.seen.delete(key);
			this.seen.set(key, now + this.ttlMs);
		}
		while (this.seen.size > this.size) this.seen.delete(this.seen.keys().next().value as string);
		return duplicate;
	}

	get count(): number {
		return this.seen.size;
	}

	private forgetExpired(now: number): void {
		for (const [key, expiresAt] of this.seen) {
			if (expiresAt > now) break;
			this.seen.delete(key);
		}
	}
}

/**
 * A delivery's keys: its nonce, and its records' digest (the same records again under a new nonce). The nonce key
 * names no webhook or type: the signature covers only the records and the nonce, so a replay that changes
 * `webhook.id` or `type` must still be known.
 */
export function deliveryKeys(scope: string, delivery: Delivery): string[] {
	const digest = createHash('sha256').update(JSON.stringify(delivery.data)).digest('base64url');
	return [
		`${scope}\u0000nonce\u0000${delivery.nonce}`,
		`${scope}\u0000${delivery.webhook.id}\u0000${delivery.type}\u0000${digest}`,
	];
}
