import { describe, expect, it } from 'vitest';

import type { RunResult } from '../harness/engine';
import { useSimulator } from '../harness/fixture';
import { connectionById } from '../harness/workflow';

const fixture = useSimulator();

interface Echo {
	method: string;
	rawQuery: string;
	query: Array<[string, string]>;
	contentType: string | null;
	headers: Record<string, string>;
	bodyText: string;
	bodyLength: number;
}

/** A call to Acme's echo endpoint, which answers with what it received. */
const toEcho = (parameters: Record<string, unknown>) => ({
	connection: connectionById('conn_acme'),
	method: 'POST',
	path: '/echo',
	...parameters,
});

/** What the echo endpoint received, from a run that must have succeeded. */
function echoed(result: RunResult): Echo {
	expect(result.error).toBeUndefined();
	return result.output('Passthrough')![0].json as unknown as Echo;
}

describe('request bodies arrive upstream as sent', () => {
	it('json from fields builds nested objects', async () => {
		const received = echoed(
			await fixture.run(
				toEcho({
					sendBody: true,
					contentType: 'json',
					bodyParameters: {
						parameters: [
							{ name: 'properties.email', value: 'ada@example.com' },
							{ name: 'name', value: 'Ada' },
						],
					},
				}),
			),
		);
		expect(received.contentType).toBe('application/json; charset=utf-8');
		expect(JSON.parse(received.bodyText)).toEqual({
			properties: { email: 'ada@example.com' },
			name: 'Ada',
		});
		expect(Number(received.headers['content-length'])).toBe(received.bodyLength);
	});

	it('form-urlencoded from fields', async () => {
		const received = echoed(
			await fixture.run(
				toEcho({
					sendBody: true,
					contentType: 'form-urlencoded',
					bodyParameters: {
						parameters: [
							{ name: 'channel', value: 'C1' },
							{ name: 'text', value: 'a&b=c ü' },
						],
					},
				}),
			),
		);
		expect(received.contentType).toBe('application/x-www-form-urlencoded');
		expect(received.bodyText).toBe('channel=C1&text=a%26b%3Dc+%C3%BC');
	});

	// "string" is n8n's own value ("Using Single Field"); "json" is what 0.1.0 saved for it.
	it.each(['string', 'json'])(
		'form-urlencoded as a single field (specifyBody %s) is sent as written',
		async (specifyBody) => {
			const received = echoed(
				await fixture.run(
					toEcho({
						sendBody: true,
						contentType: 'form-urlencoded',
						specifyBody,
						body: 'grant_type=client_credentials&scope=a%20b',
					}),
				),
			);
			expect(received.contentType).toBe('application/x-www-form-urlencoded');
			expect(received.bodyText).toBe('grant_type=client_credentials&scope=a%20b');
		},
	);

	it('raw with its content type', async () => {
		const xml = '<?xml version="1.0"?><note to="Zoë">hello</note>';
		const received = echoed(
			await fixture.run(
				toEcho({
					sendBody: true,
					contentType: 'raw',
					rawContentType: 'text/xml; charset=utf-8',
					body: xml,
				}),
			),
		);
		expect(received.contentType).toBe('text/xml; charset=utf-8');
		expect(received.bodyText).toBe(xml);
		expect(received.bodyLength).toBe(Buffer.byteLength(xml));
	});

	it('raw without a content type fails naming rawContentType', async () => {
		const result = await fixture.run({
			connection: connectionById('conn_acme'),
			method: 'POST',
			path: '/echo',
			sendBody: true,
			contentType: 'raw',
			body: 'x',
		});
		expect(result.error?.message).toContain('rawContentType');
	});

	it('multipart text fields with a boundary the upstream can parse', async () => {
		const result = await fixture.run({
			connection: connectionById('conn_acme'),
			method: 'POST',
			path: '/files/upload',
			sendBody: true,
			contentType: 'multipart-form-data',
			bodyParameters: {
				parameters: [
					{ parameterType: 'formData', name: 'a', value: '1' },
					{ parameterType: 'formData', name: 'note', value: 'Grüße\r\nline 2' },
				],
			},
		});
		const uploaded = result.output('Passthrough')![0].json as {
			contentType: string;
			parts: unknown[];
		};
		expect(uploaded.contentType).toMatch(/^multipart\/form-data; boundary=----n8nUnifiedBoundary/);
		expect(uploaded.parts).toEqual([
			expect.objectContaining({ name: 'a', value: '1', size: 1 }),
			expect.objectContaining({ name: 'note', value: 'Grüße\r\nline 2' }),
		]);
	});

	it('multipart keeps its own Content-Type (and boundary) even when a header sets one', async () => {
		const result = await fixture.run({
			connection: connectionById('conn_acme'),
			method: 'POST',
			path: '/files/upload',
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'Content-Type', value: 'multipart/form-data' }] },
			sendBody: true,
			contentType: 'multipart-form-data',
			bodyParameters: { parameters: [{ parameterType: 'formData', name: 'a', value: '1' }] },
		});
		const uploaded = result.output('Passthrough')![0].json as {
			contentType: string;
			parts: unknown[];
		};
		expect(uploaded.contentType).toMatch(/boundary=/);
		expect(uploaded.parts).toEqual([expect.objectContaining({ name: 'a', value: '1' })]);
	});
});

describe('query options', () => {
	const arrays = {
		sendQuery: true,
		specifyQuery: 'json',
		jsonQuery: JSON.stringify({ tag: ['a', 'b'], q: 'x y' }),
	};

	it.each([
		['repeat', 'tag=a&tag=b&q=x%20y'],
		['brackets', 'tag%5B%5D=a&tag%5B%5D=b&q=x%20y'],
		['indices', 'tag%5B0%5D=a&tag%5B1%5D=b&q=x%20y'],
		['comma', 'tag=a%2Cb&q=x%20y'],
	])('queryArrayFormat %s', async (format, rawQuery) => {
		const received = echoed(
			await fixture.run(
				toEcho({ method: 'GET', ...arrays, options: { queryArrayFormat: format } }),
			),
		);
		expect(received.rawQuery).toBe(rawQuery);
	});

	it("domain is sent as Unified's __domain parameter, which Unified keeps from the upstream", async () => {
		const received = echoed(
			await fixture.run(toEcho({ method: 'GET', options: { domain: 'acme-sandbox.example.com' } })),
		);
		expect(fixture.sim.log[0].rawQuery).toBe('__domain=acme-sandbox.example.com');
		expect(received.rawQuery).toBe('');
	});

	it('__domain in the query is refused before any request', async () => {
		const result = await fixture.run({
			connection: connectionById('conn_acme'),
			method: 'GET',
			path: '/echo',
			sendQuery: true,
			specifyQuery: 'json',
			jsonQuery: '{"__domain": "evil.example"}',
		});
		expect(result.error?.message).toContain('jsonQuery');
		expect(fixture.sim.log).toHaveLength(0);
	});
});
