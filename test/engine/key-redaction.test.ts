import { Readable } from 'node:stream';
import { inspect } from 'node:util';

import { describe, expect, it } from 'vitest';

import type { RunResult } from '../harness/engine';
import { useSimulator } from '../harness/fixture';
import { connectionById } from '../harness/workflow';
import type { FaultRule } from '../simulator';

// A misbehaving upstream (or proxy) may echo the API key in a form that only becomes the key once the node has
// decoded it: JSON escapes, percent-encoding in filename*, fullwidth letters that NFKC folds, capitals that
// lower-casing folds. The key must not reach run data, errors or error items in any of them.
const fixture = useSimulator();

const key = () => fixture.sim.apiKey;
const unicodeEscape = (character: string, upper = false) => {
	const hex = character.charCodeAt(0).toString(16).padStart(4, '0');
	return `\\u${upper ? hex.toUpperCase() : hex}`;
};
const escapeFirst = (text: string) => unicodeEscape(text[0]) + text.slice(1);
const escapeAll = (text: string) =>
	[...text].map((character, index) => unicodeEscape(character, index % 2 === 1)).join('');
const percentEncodeAll = (text: string) =>
	[...Buffer.from(text)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
const fullwidth = (text: string) =>
	[...text]
		.map((character) => String.fromCharCode(character.charCodeAt(0) - 0x21 + 0xff01))
		.join('');

/** Everything the execution kept, non-enumerable error fields and stacks included. */
function everything(result: RunResult): string {
	const options = { depth: null, showHidden: true, maxStringLength: null, maxArrayLength: null };
	return inspect(result.run, options) + inspect(result.error, options);
}

function expectNoKey(result: RunResult): void {
	const seen = everything(result);
	expect(seen).not.toContain(key());
	// Nor a long part of it (a body cut in the middle of the key).
	expect(seen).not.toContain(key().slice(0, 12));
}

/** Makes the upstream answer every call with `reply`. */
function upstreamAnswers(reply: FaultRule['reply']): void {
	fixture.sim.faults.add({ kind: 'reply', reply });
}

const getCustomers = (parameters: Record<string, unknown> = {}) => ({
	connection: connectionById('conn_acme'),
	method: 'GET',
	path: 'v2/customers',
	...parameters,
});

const jsonReply = (status: number, text: string) => ({
	status,
	headers: { 'content-type': 'application/json' },
	body: text,
});

describe('the API key echoed in JSON escapes', () => {
	it('is redacted from string values and object keys of a 200 body', async () => {
		const body = `{"token": "${escapeFirst(key())}", "all": "${escapeAll(key())}", "mid": "x${key().slice(0, 5)}${unicodeEscape(key()[5])}${key().slice(6)}y",
			"${escapeFirst(key())}": "as a key", "nested": [[{"deep": ["Bearer ${escapeAll(key())}"]}]], "__proto__": "${escapeFirst(key())}"}`;
		upstreamAnswers(jsonReply(200, body));
		const result = await fixture.run(getCustomers());
		expect(result.error).toBeUndefined();
		expectNoKey(result);
		const json = result.output('Passthrough')![0].json;
		expect(json).toMatchObject({
			token: '**hidden**',
			all: '**hidden**',
			mid: 'x**hidden**y',
			'**hidden**': 'as a key',
			nested: [[{ deep: ['Bearer **hidden**'] }]],
		});
		expect(Object.getOwnPropertyDescriptor(json, '__proto__')?.value).toBe('**hidden**');
	});

	it('is redacted from a Unified 401 body, the error built from it, and the error item', async () => {
		const body = `{"statusCode": 401, "error": "Unauthorized", "message": "Invalid token ${escapeAll(key())}"}`;
		upstreamAnswers(jsonReply(401, body));
		const failed = await fixture.run(getCustomers());
		expect(failed.status).toBe('error');
		expect(failed.error?.message).toContain(
			'Unified.to returned 401 Unauthorized: Invalid token **hidden**',
		);
		expectNoKey(failed);
		expect(fixture.passthroughCalls()).toEqual(['GET conn_acme/v2/customers']);

		upstreamAnswers(jsonReply(401, body));
		const continued = await fixture.run(getCustomers(), [{}], { onError: 'continueRegularOutput' });
		expect(continued.output('Passthrough')![0].json).toMatchObject({
			statusCode: 401,
			body: { message: 'Invalid token **hidden**' },
		});
		expectNoKey(continued);
	});

	it('is redacted from an upstream error array (Salesforce shape), with neverError too', async () => {
		const body = `[{"errorCode": "INVALID_SESSION_ID", "message": "session ${escapeFirst(key())}"}]`;
		upstreamAnswers(jsonReply(400, body));
		const result = await fixture.run(
			getCustomers({ options: { neverError: true, fullResponse: true } }),
		);
		expect(result.output('Passthrough')![0].json.body).toEqual([
			{ errorCode: 'INVALID_SESSION_ID', message: 'session **hidden**' },
		]);
		expectNoKey(result);
	});
});

describe('the API key elsewhere in a response', () => {
	it('is redacted from a file name given percent-encoded in filename*', async () => {
		upstreamAnswers({
			status: 200,
			headers: {
				'content-type': 'application/pdf',
				'content-disposition': `attachment; filename*=UTF-8''${percentEncodeAll(key())}.pdf`,
			},
			body: 'x',
		});
		const result = await fixture.run(getCustomers());
		expect(result.output('Passthrough')![0].binary!.data.fileName).toBe('**hidden**.pdf');
		expectNoKey(result);
	});

	it('is redacted from a file name given in fullwidth letters (NFKC folds them into the key)', async () => {
		upstreamAnswers({
			status: 200,
			headers: {
				'content-type': 'application/pdf',
				'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(fullwidth(key()))}.pdf`,
			},
			body: 'x',
		});
		const result = await fixture.run(getCustomers());
		expect(result.output('Passthrough')![0].binary!.data.fileName).toBe('**hidden**.pdf');
		expectNoKey(result);
	});

	it('is redacted from a MIME type given in capitals (lower-casing folds them into the key)', async () => {
		upstreamAnswers({
			status: 200,
			headers: { 'content-type': `application/x-${key().toUpperCase()}` },
			body: 'x',
		});
		const result = await fixture.run(getCustomers({ options: { responseFormat: 'file' } }));
		expect(result.output('Passthrough')![0].binary!.data.mimeType).toBe('application/x-**hidden**');
		expectNoKey(result);
	});

	it('is redacted from header names and values', async () => {
		upstreamAnswers({
			status: 200,
			headers: {
				'content-type': 'application/json',
				[`x-${key()}`]: 'name',
				'x-echo': `Bearer ${key()}`,
			},
			body: '{}',
		});
		const result = await fixture.run(getCustomers({ options: { fullResponse: true } }));
		expect(result.output('Passthrough')![0].json.headers).toMatchObject({
			'x-**hidden**': 'name',
			'x-echo': 'Bearer **hidden**',
		});
		expectNoKey(result);
	});

	it('is not left half-visible when an error body is cut at 1 MB in the middle of the key', async () => {
		const cutAt = 1024 * 1024;
		const body = `${'x'.repeat(cutAt - 12)}${key()} and more`;
		upstreamAnswers({ status: 500, headers: { 'content-type': 'text/plain' }, body });
		const result = await fixture.run(
			getCustomers({ options: { retry: { settings: { maxRetries: 0 } } } }),
			[{}],
			{ onError: 'continueRegularOutput' },
		);
		const item = result.output('Passthrough')![0].json as { body: string };
		expect(item.body.endsWith('x**hidden**')).toBe(true);
		expectNoKey(result);
	});
});

describe('the API key in a file response', () => {
	const fileFails = (result: RunResult) => {
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain(
			'The file in the response holds the API key, so it was not stored',
		);
		expect(result.output('Passthrough')).toBeUndefined();
		// Not sent again: the same request would get the same file.
		expect(fixture.sim.log).toHaveLength(1);
		expectNoKey(result);
	};
	const header = () => Buffer.from(`%PDF-1.7\n% Authorization: Bearer `);

	it.each([
		['application/pdf', 'UTF-8', (text: string) => Buffer.from(text)],
		['application/octet-stream', 'UTF-16LE', (text: string) => Buffer.from(text, 'utf16le')],
		['application/pdf', 'UTF-16BE', (text: string) => Buffer.from(text, 'utf16le').swap16()],
	])(
		'%s echoing the key in %s fails the item, the key nowhere',
		async (type, _encoding, encode) => {
			upstreamAnswers({
				status: 200,
				headers: { 'content-type': type },
				body: Buffer.concat([header(), encode(key()), Buffer.from('\n%%EOF')]),
			});
			fileFails(await fixture.run(getCustomers()));
		},
	);

	it('a key split between two chunks, deep in a large download, is caught: the stream is scanned with overlap', async () => {
		const filler = Buffer.alloc(3 * 1024 * 1024 + 5, 'x');
		upstreamAnswers(() => ({
			status: 200,
			headers: { 'content-type': 'application/octet-stream' },
			body: Readable.from([
				filler,
				Buffer.from(key().slice(0, 7)),
				Buffer.from(key().slice(7, 9)),
				Buffer.from(key().slice(9)),
				filler,
			]),
		}));
		fileFails(await fixture.run(getCustomers()));
	});

	it('a gzip-encoded file is scanned after decoding', async () => {
		const { gzipSync } = await import('node:zlib');
		upstreamAnswers({
			status: 200,
			headers: { 'content-type': 'application/pdf', 'content-encoding': 'gzip' },
			body: gzipSync(Buffer.concat([header(), Buffer.from(key())])),
		});
		fileFails(await fixture.run(getCustomers()));
	});

	it('a file with only part of the key, or the key in other letters, is stored byte for byte', async () => {
		const body = Buffer.concat([
			header(),
			Buffer.from(key().slice(0, -1)),
			Buffer.from(' '),
			Buffer.from(key().toUpperCase() === key() ? key().toLowerCase() : key().toUpperCase()),
		]);
		upstreamAnswers({ status: 200, headers: { 'content-type': 'application/pdf' }, body });
		const result = await fixture.run(getCustomers());
		expect(result.error).toBeUndefined();
		const binary = result.output('Passthrough')![0].binary!.data;
		expect(Buffer.from(binary.data, 'base64')).toEqual(body);
	});
});
