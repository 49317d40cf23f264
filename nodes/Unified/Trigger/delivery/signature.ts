import { createHmac, timingSafeEqual } from 'node:crypto';

const SHA1_BYTES = 20;
const HEX_SHA1 = /^[0-9a-fA-F]{40}$/;
/** 20 bytes in standard base64: 27 characters and one "=" of padding. */
const BASE64_SHA1 = /^[A-Za-z0-9+/]{27}=$/;

/** The 20 bytes a signature spells, in hex or base64, or undefined for anything else. */
function signatureBytes(sig: unknown): Buffer | undefined {
	if (typeof sig !== 'string') return undefined;
	if (HEX_SHA1.test(sig)) return Buffer.from(sig, 'hex');
	if (!BASE64_SHA1.test(sig)) return undefined;
	const bytes = Buffer.from(sig, 'base64');
	// Only the one canonical spelling: the last character's unused bits must be zero.
	return bytes.length === SHA1_BYTES && bytes.toString('base64') === sig ? bytes : undefined;
}

/**
 * Whether `sig` is HMAC-SHA1(secret, JSON.stringify(data) + nonce), as Unified.to signs a delivery, in hex or
 * base64, compared in constant time. An empty secret verifies nothing: anyone can compute that HMAC.
 */
export function verifySignature(
	secret: string,
	data: unknown,
	nonce: string,
	sig: unknown,
): boolean {
	if (secret === '') return false;
	const given = signatureBytes(sig);
	const expected = createHmac('sha1', Buffer.from(secret, 'utf8'))
		.update(JSON.stringify(data) + nonce, 'utf8')
		.digest();
	// Compared even when the signature is malformed, so a refusal takes as long whatever was sent.
	const equal = timingSafeEqual(given ?? Buffer.alloc(SHA1_BYTES), expected);
	return given !== undefined && equal;
}
