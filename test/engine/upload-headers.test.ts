import type { IBinaryData } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import type { RunResult, WorkflowDefinition } from '../harness/engine';
import { useSimulator } from '../harness/fixture';
import { connectionById, passthroughWorkflow } from '../harness/workflow';

// A binary's MIME type and file name come from the input item, which may hold anything (a webhook's upload, an
// agent's tool call). They go into header lines of the request, so they must not be able to add lines of their own.
const fixture = useSimulator();

interface UploadedPart {
	headers: string[];
	name?: string;
	filename?: string;
	contentType?: string;
	size: number;
}

/** An upload of a 5-byte binary with the given MIME type and file name, as multipart or the whole body. */
function uploadWorkflow(
	file: Pick<IBinaryData, 'mimeType' | 'fileName'>,
	contentType: 'multipart-form-data' | 'binaryData',
): WorkflowDefinition {
	const workflow = passthroughWorkflow([{}], {
		parameters: {
			connection: connectionById('conn_acme'),
			method: 'POST',
			path: '/files/upload',
			sendBody: true,
			contentType,
			inputDataFieldName: 'doc',
			bodyParameters: {
				parameters: [{ parameterType: 'formBinaryData', name: 'file', inputDataFieldName: 'doc' }],
			},
		},
	});
	workflow.pinData = {
		Start: [
			{ json: {}, binary: { doc: { data: Buffer.from('hello').toString('base64'), ...file } } },
		],
	};
	return workflow;
}

/** What the upload endpoint received, from a run that must have succeeded. */
function uploaded(result: RunResult) {
	expect(result.error).toBeUndefined();
	return result.output('Passthrough')![0].json as { contentType: string; parts?: UploadedPart[] };
}

const injectedTypes = [
	'text/plain\r\nX-Injected: yes',
	'text/plain\nX-Injected: yes',
	'text/plain\rX-Injected: yes',
	'text/plain\r\n\r\nsmuggled body',
	'text/plain; charset="utf-8\r\nX-Injected: yes"',
	'text/plain\u0000X-Injected: yes',
	'text/plain\u2028X-Injected: yes',
	'text/plain, text/html',
	'text/plaiñ',
	'text',
	'',
];

describe('multipart part headers', () => {
	it.each(injectedTypes)('a MIME type %j becomes application/octet-stream', async (mimeType) => {
		const { parts } = uploaded(
			await fixture.runWorkflow(
				uploadWorkflow({ mimeType, fileName: 'note.txt' }, 'multipart-form-data'),
			),
		);
		expect(parts).toHaveLength(1);
		expect(parts![0].headers).toEqual([
			'Content-Disposition: form-data; name="file"; filename="note.txt"',
			'Content-Type: application/octet-stream',
		]);
		expect(parts![0].size).toBe(5);
	});

	it.each([
		'text/plain; charset=utf-8',
		'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
		'text/plain; format="flowed; x"',
	])('a well-formed MIME type %j is kept', async (mimeType) => {
		const { parts } = uploaded(
			await fixture.runWorkflow(
				uploadWorkflow({ mimeType, fileName: 'note.txt' }, 'multipart-form-data'),
			),
		);
		expect(parts![0].headers[1]).toBe(`Content-Type: ${mimeType}`);
	});

	it.each([
		['evil.txt"; name="other', 'evil.txt%22; name=%22other'],
		['evil.txt\r\nContent-Type: text/html', 'evil.txt%0D%0AContent-Type: text/html'],
		['evil.txt\r\n\r\nsmuggled', 'evil.txt%0D%0A%0D%0Asmuggled'],
		['evil\u0000.txt', 'evil%00.txt'],
		['evil\\', 'evil%5C'],
	])('a file name %j stays inside its quotes', async (fileName, sent) => {
		const { parts } = uploaded(
			await fixture.runWorkflow(
				uploadWorkflow({ mimeType: 'text/plain', fileName }, 'multipart-form-data'),
			),
		);
		expect(parts).toHaveLength(1);
		expect(parts![0].headers).toEqual([
			`Content-Disposition: form-data; name="file"; filename="${sent}"`,
			'Content-Type: text/plain',
		]);
	});
});

describe('the whole body as binary (binaryData)', () => {
	it.each(injectedTypes)('a MIME type %j is sent as application/octet-stream', async (mimeType) => {
		const received = uploaded(
			await fixture.runWorkflow(uploadWorkflow({ mimeType, fileName: 'note.txt' }, 'binaryData')),
		);
		expect(received).toMatchObject({ contentType: 'application/octet-stream', size: 5 });
	});

	it('a well-formed MIME type is the Content-Type', async () => {
		expect(
			uploaded(
				await fixture.runWorkflow(
					uploadWorkflow({ mimeType: 'image/png', fileName: 'a.png' }, 'binaryData'),
				),
			),
		).toMatchObject({ contentType: 'image/png' });
	});
});
