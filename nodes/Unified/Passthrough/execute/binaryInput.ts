import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import type { BinaryResolver } from '../request/binaryBody';
import type { FileSource } from '../request/multipart';
import { ParameterError } from '../../core/errors';

type Helpers = Pick<IExecuteFunctions['helpers'], 'getBinaryStream' | 'getBinaryMetadata'>;

async function storedLength(binary: IBinaryData, helpers: Helpers): Promise<number | undefined> {
	try {
		const { fileSize } = await helpers.getBinaryMetadata(binary.id!);
		if (Number.isFinite(fileSize)) return fileSize;
	} catch {
		// Metadata missing: fall back to what the item says.
	}
	return typeof binary.bytes === 'number' ? binary.bytes : undefined;
}

/**
 * Reads binary properties of one input item. Files in n8n's binary store (filesystem, S3, database) are
 * streamed from there on every attempt; inline (base64) files are decoded on every attempt.
 */
export function n8nBinaryResolver(context: IExecuteFunctions, itemIndex: number): BinaryResolver {
	return async (propertyName: string, parameter: string): Promise<FileSource> => {
		const binary = context.getInputData()[itemIndex]?.binary?.[propertyName];
		if (!binary) {
			const available = Object.keys(context.getInputData()[itemIndex]?.binary ?? {});
			throw new ParameterError(
				parameter,
				`Input item ${itemIndex} has no binary property "${propertyName}"` +
					(available.length ? ` (it has: ${available.join(', ')})` : ' (it has no binary data)'),
			);
		}
		const meta = { fileName: binary.fileName, mimeType: binary.mimeType };
		if (binary.id) {
			const id = binary.id;
			return {
				...meta,
				length: await storedLength(binary, context.helpers),
				open: async () => await context.helpers.getBinaryStream(id),
			};
		}
		// Decoded when the request is sent, not when the item is read: all items are read at once, before the
		// concurrency limit, so decoding here would hold every item's file in memory together.
		const { data } = binary;
		return {
			...meta,
			length: Buffer.byteLength(data, 'base64'),
			open: () => Buffer.from(data, 'base64'),
		};
	};
}
