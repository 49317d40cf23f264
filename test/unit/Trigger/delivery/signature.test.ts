import { createHmac } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { verifySignature } from '../../../../nodes/Unified/Trigger/delivery/signature';
import { webhookSignature } from '../../../simulator';

const secret = 'whsec_unit_secret';
const data = [{ id: 'c1', name: 'Ada', raw: { properties: { firstname: 'Ada' } } }];
const nonce = 'n-123';
const hmac = (key: string, message: string) =>
	createHmac('sha1', Buffer.from(key, 'utf8')).update(message, 'utf8').digest();
const expected = hmac(secret, JSON.stringify(data) + nonce);

describe('delivery signature: HMAC-SHA1(secret, JSON.stringify(data) + nonce)', () => {
	it('accepts the digest in base64 and in hex (either case)', () => {
		expect(verifySignature(secret, data, nonce, expected.toString('base64'))).toBe(true);
		expect(verifySignature(secret, data, nonce, expected.toString('hex'))).toBe(true);
		expect(verifySignature(secret, data, nonce, expected.toString('hex').toUpperCase())).toBe(true);
		// The simulator signs as the contract says; the node accepts it.
		expect(verifySignature(secret, data, nonce, webhookSignature(secret, data, nonce))).toBe(true);
	});

	it('refuses tampered records, a tampered nonce and another secret', () => {
		const sig = expected.toString('base64');
		expect(verifySignature(secret, [{ ...data[0], name: 'Eve' }], nonce, sig)).toBe(false);
		expect(verifySignature(secret, [...data, { id: 'c2' }], nonce, sig)).toBe(false);
		expect(verifySignature(secret, data, 'n-124', sig)).toBe(false);
		expect(verifySignature(`${secret}x`, data, nonce, sig)).toBe(false);
		// A signature of the records alone (the nonce left out) is not the delivery's.
		expect(
			verifySignature(secret, data, nonce, hmac(secret, JSON.stringify(data)).toString('hex')),
		).toBe(false);
	});

	it.each([
		['empty', ''],
		['a number', 12345],
		['null', null],
		['an array', [expected.toString('base64')]],
		['an object', { sig: expected.toString('hex') }],
		['hex one digit short', expected.toString('hex').slice(1)],
		['hex one digit long', `${expected.toString('hex')}0`],
		['base64 without padding', expected.toString('base64').replace(/=$/, '')],
		['base64 with spaces', ` ${expected.toString('base64')}`],
		['base64url', expected.toString('base64url')],
		[
			'a SHA-256 digest',
			createHmac('sha256', secret)
				.update(JSON.stringify(data) + nonce)
				.digest('hex'),
		],
		['the digest of another message', hmac(secret, 'x').toString('base64')],
		['the hex digest written as text', Buffer.from(expected.toString('hex')).toString('base64')],
	])('refuses a signature that is %s', (_name, sig) => {
		expect(verifySignature(secret, data, nonce, sig)).toBe(false);
	});

	it('refuses a base64 spelling with non-zero spare bits (only the canonical one is the digest)', () => {
		const sig = expected.toString('base64');
		const last = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
		const index = last.indexOf(sig[26]);
		const sibling = `${sig.slice(0, 26)}${last[index ^ 1]}=`;
		expect(Buffer.from(sibling, 'base64').equals(expected)).toBe(true);
		expect(verifySignature(secret, data, nonce, sibling)).toBe(false);
	});

	it('signs unicode records and secrets as UTF-8 of the compact JSON', () => {
		const unicodeSecret = 'sécrét-🔑';
		const records = [{ name: 'Zoë 北京 \u2028', emoji: '🙂' }];
		const sig = hmac(unicodeSecret, JSON.stringify(records) + 'ñ').toString('base64');
		expect(verifySignature(unicodeSecret, records, 'ñ', sig)).toBe(true);
		// Pretty-printed JSON is another message.
		const pretty = createHmac('sha1', unicodeSecret)
			.update(JSON.stringify(records, null, 2) + 'ñ')
			.digest('base64');
		expect(verifySignature(unicodeSecret, records, 'ñ', pretty)).toBe(false);
	});

	it('never accepts anything with an empty secret, not even its true HMAC', () => {
		const sig = hmac('', JSON.stringify(data) + nonce).toString('base64');
		expect(verifySignature('', data, nonce, sig)).toBe(false);
	});
});
