import { describe, expect, it } from 'vitest';

import { useSimulator } from '../harness/fixture';
import { connectionById } from '../harness/workflow';
import { fileChunk } from '../simulator/data';

const fixture = useSimulator();

const get = (path: string, extra: Record<string, unknown> = {}, connection = 'conn_acme') => ({
	connection: connectionById(connection),
	method: 'GET',
	path,
	...extra,
});

describe('binary responses', () => {
	it.each([
		['image/png', 'logo.png'],
		['application/pdf', 'invoice.pdf'],
		['application/zip', 'export.zip'],
		['audio/mpeg', 'call.mp3'],
		['video/mp4', 'demo.mp4'],
		['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'report.xlsx'],
	])('autodetects %s as a file', async (type, name) => {
		const items = (
			await fixture.run(get(`/files/download/${name}?size=5000&type=${encodeURIComponent(type)}`))
		).output('Passthrough');
		expect(items).toHaveLength(1);
		expect(items![0].json).toEqual({});
		const binary = items![0].binary!.data;
		expect(binary).toMatchObject({ mimeType: type, fileName: name });
		expect(Buffer.from(binary.data, 'base64').equals(fileChunk(0, 5000))).toBe(true);
	});

	it('takes the file name from filename* over filename, and puts it under outputPropertyName', async () => {
		const disposition = `attachment; filename="Bericht.pdf"; filename*=UTF-8''${encodeURIComponent('Übersicht 2026.pdf')}`;
		const items = (
			await fixture.run(
				get(
					`/files/download/x.pdf?size=10&type=application/pdf&disposition=${encodeURIComponent(disposition)}`,
					{ options: { outputPropertyName: 'attachment' } },
				),
			)
		).output('Passthrough');
		expect(items![0].binary!.attachment.fileName).toBe('Übersicht 2026.pdf');
	});

	it('falls back to the last path segment without Content-Disposition', async () => {
		const items = (
			await fixture.run(
				get('/files/download/scan%20001.png?size=10&type=image/png&disposition=none'),
			)
		).output('Passthrough');
		expect(items![0].binary!.data.fileName).toBe('scan 001.png');
	});

	it('responseFormat file stores text and JSON as files too', async () => {
		const items = (
			await fixture.run(get('/v2/customers', { options: { responseFormat: 'file' } }))
		).output('Passthrough');
		const binary = items![0].binary!.data;
		expect(binary.mimeType).toBe('application/json');
		expect(JSON.parse(Buffer.from(binary.data, 'base64').toString('utf8'))).toHaveLength(3);
	});

	it('full response keeps status and headers next to the file', async () => {
		const items = (
			await fixture.run(
				get('/files/download/a.png?size=10&type=image/png', { options: { fullResponse: true } }),
			)
		).output('Passthrough');
		expect(items![0].json).toMatchObject({
			statusCode: 200,
			headers: { 'content-type': 'image/png' },
		});
		expect(items![0].binary!.data.mimeType).toBe('image/png');
	});
});

describe('text responses', () => {
	const expected = 'Café crème, déjà vu: Zoë & Jürgen';

	it.each(['latin1', 'utf-16le', 'utf-8'])('decodes charset %s', async (charset) => {
		const items = (await fixture.run(get(`/text/charset?charset=${charset}`))).output(
			'Passthrough',
		);
		expect(items![0].json).toEqual({ data: expected });
	});

	it.each(['gzip', 'deflate', 'br'])('decodes %s content encoding', async (encoding) => {
		const items = (await fixture.run(get(`/encoded?encoding=${encoding}`))).output('Passthrough');
		expect(items).toHaveLength(1);
		expect(items![0].json).toMatchObject({ encoding, message: 'compressed hello' });
	});

	it('returns CSV and XML as text', async () => {
		expect((await fixture.run(get('/text/csv'))).output('Passthrough')![0].json).toEqual({
			data: 'id,name\ncus_001,Ada Lovelace\n',
		});
		expect(
			(await fixture.run(get('/text/xml', { options: { outputPropertyName: 'xml' } }))).output(
				'Passthrough',
			)![0].json,
		).toEqual({
			xml: '<customers><customer id="cus_001"/></customers>',
		});
	});

	it('a JSON content type with an invalid body is a clear error', async () => {
		const result = await fixture.run(get('/lying-json'));
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain(
			'says it is JSON (application/json) but its body is not valid JSON',
		);
		expect(fixture.passthroughCalls()).toEqual(['GET conn_acme/lying-json']);
	});

	it('with neverError the lying JSON body comes back as text', async () => {
		const items = (await fixture.run(get('/lying-json', { options: { neverError: true } }))).output(
			'Passthrough',
		);
		expect(items![0].json).toEqual({ data: '<html>not json</html>' });
	});

	it.each([204, 205, 304])('an empty %s gives one item {}', async (status) => {
		const result = await fixture.run(get(`/empty?status=${status}`));
		const items = result.output('Passthrough');
		expect(result.error).toBeUndefined();
		expect(items).toEqual([{ json: {}, pairedItem: { item: 0 } }]);
	});
});

describe('body-level errors', () => {
	const slackCreate = (method: string, options: Record<string, unknown> = {}) =>
		get(
			`/api/${method}`,
			{
				method: 'POST',
				sendBody: true,
				contentType: 'json',
				specifyBody: 'json',
				jsonBody: '{"name": "general"}',
				options,
			},
			'conn_slack',
		);

	it("Slack ok:false is an error with Slack's code", async () => {
		await fixture.run(slackCreate('conversations.create', { failOnBodyError: false }));
		const result = await fixture.run(slackCreate('conversations.create'));
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('name_taken');
		expect(fixture.passthroughCalls()).toEqual([
			'POST conn_slack/api/conversations.create',
			'POST conn_slack/api/conversations.create',
		]);
	});

	it('Slack missing_scope names the needed scope', async () => {
		const result = await fixture.run(slackCreate('admin.conversations.create'));
		expect(result.error?.message).toContain('missing_scope');
		expect(result.error?.description).toContain('admin.conversations:write');
	});

	it('failOnBodyError off returns the ok:false body as output', async () => {
		const result = await fixture.run(
			slackCreate('admin.conversations.create', { failOnBodyError: false }),
		);
		const items = result.output('Passthrough');
		expect(result.error).toBeUndefined();
		expect(items![0].json).toMatchObject({
			ok: false,
			error: 'missing_scope',
			needed: 'admin.conversations:write',
		});
	});

	it('HubSpot 207 partial batch results stay output with numErrors', async () => {
		const result = await fixture.run(
			get(
				'/crm/v3/properties/contacts/batch/read',
				{
					method: 'POST',
					sendBody: true,
					contentType: 'json',
					specifyBody: 'json',
					jsonBody: '{"inputs": [{"name": "email"}, {"name": "shoe_size"}]}',
				},
				'conn_hubspot',
			),
		);
		const items = result.output('Passthrough');
		expect(result.error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items![0].json).toMatchObject({
			status: 'COMPLETE',
			numErrors: 1,
			results: [{ name: 'email' }],
		});
		expect((items![0].json.errors as Array<{ message: string }>)[0].message).toContain('shoe_size');
	});
});
