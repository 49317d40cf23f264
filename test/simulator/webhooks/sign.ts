import { createHmac } from 'node:crypto';

/** The workspace secret that signs the simulator's webhook deliveries (option `webhookSecret` replaces it). */
export const SIM_WEBHOOK_SECRET = 'sim_webhook_secret_8f14e45fceea167a5a36dedd4bea2543';

/**
 * What Unified signs: `HMAC-SHA1(workspace secret, data + nonce)`. Unified documents neither how `data` is
 * serialised nor the digest's encoding; the contract (issue 21) fixes compact `JSON.stringify(data)` followed by the
 * nonce, digest in base64. The node accepts base64 or hex of the same HMAC and has its own implementation: this one
 * is for the simulator and the tests.
 */
export function webhookSignature(secret: string, data: unknown, nonce: string): string {
	return createHmac('sha1', Buffer.from(secret, 'utf8'))
		.update(JSON.stringify(data) + nonce, 'utf8')
		.digest('base64');
}
