import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';

import { describe, expect, it } from 'vitest';

import type { BodyParameters } from '../../../../nodes/Unified/core/request/body';
import {
	createBinaryBodyBuilder,
	type BinaryResolver,
} from '../../../../nodes/Unified/Passthrough/request/binaryBody';
import { ParameterError } from '../../../../nodes/Unified/core/errors/parameterError';

const files: Record<string, Buffer> = {
	data: Buffer.from('%PDF-1.7 fake'),
	photo: Buffer.from([0x89, 0x50, 0x4e, 0x47]),
};
const mimeTypes: Record<string, string> = { data: 'application/pdf', photo: 'image/png' };

const resolver: BinaryResolver = async (propertyName, parameter) => {
	const file = files[propertyName];
	if (!file) throw new ParameterError(parameter, `no binary property "${propertyName}"`);
	return {
		fileName: `${propertyName}.bin`,
		mimeType: mimeTypes[propertyName],
		length: file.length,
		open: () => Readable.from([file]),
	};
};

function parameters(overrides: Partial<BodyParameters>): BodyParameters {
	return {
		contentType: 'multipart-form-data',
		specifyBody: 'keypair',
		bodyParameters: [],
		jsonBody: '',
		rawContentType: '',
		body: '',
		...overrides,
	};
}

describe('createBinaryBodyBuilder', () => {
	const build = createBinaryBodyBuilder(resolver);

	it('sends one binary property as the whole body with its MIME type', async () => {
		const body = await build(
			parameters({ contentType: 'binaryData', inputDataFieldName: 'photo' }),
		);
		expect(body.contentType).toBe('image/png');
		expect(body.length).toBe(4);
		expect((await buffer((await body.open()) as Readable)).equals(files.photo)).toBe(true);
	});

	it('defaults the binary property to "data"', async () => {
		const body = await build(parameters({ contentType: 'binaryData' }));
		expect(body.contentType).toBe('application/pdf');
	});

	it('names inputDataFieldName when the binary property is missing', async () => {
		await expect(
			build(parameters({ contentType: 'binaryData', inputDataFieldName: 'nope' })),
		).rejects.toMatchObject({ parameter: 'inputDataFieldName' });
		await expect(
			build(parameters({ contentType: 'binaryData', inputDataFieldName: ' ' })),
		).rejects.toMatchObject({ parameter: 'inputDataFieldName' });
	});

	it('builds multipart from text rows and binary rows, skipping nameless text rows', async () => {
		const body = await build(
			parameters({
				bodyParameters: [
					{ name: 'title', value: 'Q3' },
					{ name: '', value: 'dropped' },
					{ parameterType: 'formBinaryData', name: 'file', inputDataFieldName: 'data' },
				] as BodyParameters['bodyParameters'],
			}),
		);
		const bytes = await buffer((await body.open()) as Readable);
		expect(body.length).toBe(bytes.length);
		const form = await new Response(new Uint8Array(bytes), {
			headers: { 'content-type': body.contentType! },
		}).formData();
		expect([...form.keys()]).toEqual(['title', 'file']);
		expect((form.get('file') as File).type).toBe('application/pdf');
	});

	it('names bodyParameters for a missing binary in a multipart row', async () => {
		const rows = [
			{ parameterType: 'formBinaryData', name: 'file', inputDataFieldName: 'missing' },
		] as unknown as BodyParameters['bodyParameters'];
		await expect(build(parameters({ bodyParameters: rows }))).rejects.toMatchObject({
			parameter: 'bodyParameters',
		});
	});
});
