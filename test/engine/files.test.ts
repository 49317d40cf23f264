import { createHash } from 'node:crypto';

import type { INodeParameters } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { useSimulator } from '../harness/fixture';
import { connectionById, passthroughWorkflow, type PassthroughNode } from '../harness/workflow';
import { fileChunk } from '../simulator/data';

const fixture = useSimulator();

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

function download(
	name: string,
	query: Record<string, string>,
	options: INodeParameters = {},
): PassthroughNode {
	return {
		name: 'Download',
		parameters: {
			connection: connectionById('conn_acme'),
			method: 'GET',
			path: `/files/download/${encodeURIComponent(name)}`,
			sendQuery: true,
			specifyQuery: 'json',
			jsonQuery: JSON.stringify(query),
			options,
		},
	};
}

function multipartUpload(property: string): PassthroughNode {
	return {
		name: 'Upload',
		parameters: {
			connection: connectionById('conn_acme'),
			method: 'POST',
			path: '/files/upload',
			sendBody: true,
			contentType: 'multipart-form-data',
			bodyParameters: {
				parameters: [
					{ parameterType: 'formData', name: 'title', value: 'Quarterly report' },
					{ parameterType: 'formBinaryData', name: 'file', inputDataFieldName: property },
				],
			},
		},
	};
}

function binaryUpload(property: string): PassthroughNode {
	return {
		name: 'Upload',
		parameters: {
			connection: connectionById('conn_acme'),
			method: 'POST',
			path: '/files/upload',
			sendBody: true,
			contentType: 'binaryData',
			inputDataFieldName: property,
		},
	};
}

const cases = [
	{
		label: '25 MB octet-stream',
		name: 'archive.bin',
		size: 25 * 1024 * 1024,
		type: 'application/octet-stream',
		fileName: 'archive.bin',
	},
	{ label: 'small PNG', name: 'pixel.png', size: 4321, type: 'image/png', fileName: 'pixel.png' },
	{
		label: 'UTF-8 text file with a non-ASCII name',
		name: 'résumé.txt',
		size: 2000,
		type: 'text/plain; charset=utf-8',
		disposition: `attachment; filename="resume.txt"; filename*=UTF-8''${encodeURIComponent('résumé 報告.txt')}`,
		fileName: 'résumé 報告.txt',
	},
];

describe('files round trip: download into n8n binary data, upload again', () => {
	for (const file of cases) {
		const expected = sha256(fileChunk(0, file.size));
		const query: Record<string, string> = { size: String(file.size), type: file.type };
		if (file.disposition) query.disposition = file.disposition;
		// Text is only a file when asked for; octet-stream and images are detected.
		const options = file.type.startsWith('text/')
			? { responseFormat: 'file', outputPropertyName: 'doc' }
			: { outputPropertyName: 'doc' };

		it(`${file.label}: arrives byte-identical as multipart`, async () => {
			const result = await fixture.runWorkflow(
				passthroughWorkflow([{}], download(file.name, query, options), multipartUpload('doc')),
			);
			expect(result.error).toBeUndefined();
			const downloaded = result.output('Download')![0].binary!.doc;
			expect(downloaded.fileName).toBe(file.fileName);
			expect(downloaded.mimeType).toBe(file.type.split(';')[0]);
			expect(sha256(Buffer.from(downloaded.data, 'base64'))).toBe(expected);

			const uploaded = result.output('Upload')![0].json as {
				contentType: string;
				parts: Array<Record<string, unknown>>;
			};
			expect(uploaded.contentType).toMatch(/^multipart\/form-data; boundary=/);
			expect(uploaded.parts).toEqual([
				expect.objectContaining({ name: 'title', value: 'Quarterly report' }),
				expect.objectContaining({
					name: 'file',
					filename: file.fileName,
					contentType: file.type.split(';')[0],
					size: file.size,
					sha256: expected,
				}),
			]);
		});

		it(`${file.label}: arrives byte-identical as the whole body (binaryData)`, async () => {
			const result = await fixture.runWorkflow(
				passthroughWorkflow([{}], download(file.name, query, options), binaryUpload('doc')),
			);
			expect(result.error).toBeUndefined();
			expect(result.output('Upload')![0].json).toEqual({
				contentType: file.type.split(';')[0],
				size: file.size,
				sha256: expected,
			});
		});
	}

	it('a retried upload sends the whole file again (a fresh stream per attempt)', async () => {
		fixture.sim.faults.add({
			kind: 'status',
			status: 503,
			times: 1,
			method: 'PUT',
			pathPrefix: 'files/upload',
		});
		const size = 300_000;
		const multipart = multipartUpload('doc');
		multipart.parameters.method = 'PUT';
		multipart.parameters.options = { retry: { settings: { maxRetries: 2, maxWaitMs: 50 } } };
		const result = await fixture.runWorkflow(
			passthroughWorkflow(
				[{}],
				download('again.bin', { size: String(size) }, { outputPropertyName: 'doc' }),
				multipart,
			),
		);
		expect(result.error).toBeUndefined();
		fixture.sim.faults.clear();
		expect(fixture.sim.log.filter((entry) => entry.path === 'files/upload')).toHaveLength(2);
		expect(result.output('Upload')![0].json).toMatchObject({
			parts: [{ name: 'title' }, { size, sha256: sha256(fileChunk(0, size)) }],
		});
	});

	it("a header Content-Type wins over the binary's MIME type", async () => {
		const upload = binaryUpload('doc');
		upload.parameters.sendHeaders = true;
		upload.parameters.headerParameters = {
			parameters: [{ name: 'Content-Type', value: 'application/vnd.acme+binary' }],
		};
		const result = await fixture.runWorkflow(
			passthroughWorkflow(
				[{}],
				download('pixel.png', { size: '10', type: 'image/png' }, { outputPropertyName: 'doc' }),
				upload,
			),
		);
		expect(result.output('Upload')![0].json).toMatchObject({
			contentType: 'application/vnd.acme+binary',
			size: 10,
		});
	});

	it('a missing binary property fails before any request, naming the parameter', async () => {
		const result = await fixture.runWorkflow(passthroughWorkflow([{}], binaryUpload('nothing')));
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('inputDataFieldName');
		expect(result.error?.message).toContain('no binary property "nothing"');
		expect(fixture.sim.log).toHaveLength(0);

		const multipart = await fixture.runWorkflow(
			passthroughWorkflow(
				[{}],
				download('pixel.png', { size: '10', type: 'image/png' }),
				multipartUpload('other'),
			),
		);
		expect(multipart.error?.message).toContain('bodyParameters');
		expect(multipart.error?.message).toContain('(it has: data)');
	});
});
