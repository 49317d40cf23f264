import type { BodyParameters } from '../../core/request/body';
import type { BinaryBodyBuilder } from '../../core/request/buildRequest';
import { rowName, stringifyValue, type NameValueRow } from '../../core/request/keyValue';
import { safeMimeType } from './mimeType';
import { multipartBody, type FileSource, type MultipartPart } from './multipart';
import { ParameterError } from '../../core/errors';

/**
 * Finds one binary property of the current input item (n8n's binary store behind it). Throws a
 * ParameterError naming `parameter` when the item has no such property.
 */
export type BinaryResolver = (propertyName: string, parameter: string) => Promise<FileSource>;

export interface MultipartRow extends NameValueRow {
	parameterType?: 'formData' | 'formBinaryData';
	inputDataFieldName?: unknown;
}

function propertyName(value: unknown, parameter: string): string {
	// An omitted value is the parameter's default, `data`.
	const name = value === undefined ? 'data' : stringifyValue(value).trim();
	if (!name)
		throw new ParameterError(
			parameter,
			"Give the name of the input item's binary property, e.g. data",
		);
	return name;
}

/** Builds multipart and whole-binary bodies from the item's binary properties, streaming each file. */
export function createBinaryBodyBuilder(resolve: BinaryResolver): BinaryBodyBuilder {
	return async (parameters: BodyParameters) => {
		if (parameters.contentType === 'binaryData') {
			const file = await resolve(
				propertyName(parameters.inputDataFieldName, 'inputDataFieldName'),
				'inputDataFieldName',
			);
			return {
				contentType: safeMimeType(file.mimeType),
				length: file.length,
				open: () => file.open(),
			};
		}
		const parts: MultipartPart[] = [];
		for (const row of parameters.bodyParameters as MultipartRow[]) {
			const name = rowName(row);
			if (row.parameterType === 'formBinaryData') {
				if (!name)
					throw new ParameterError(
						'bodyParameters',
						'A form field with a binary file needs a name',
					);
				parts.push({
					name,
					file: await resolve(
						propertyName(row.inputDataFieldName, 'bodyParameters'),
						'bodyParameters',
					),
				});
			} else if (name) {
				parts.push({ name, value: stringifyValue(row.value) });
			}
		}
		return multipartBody(parts);
	};
}
