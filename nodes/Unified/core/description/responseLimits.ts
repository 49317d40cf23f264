import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_MAX_COMPRESSION_RATIO, DEFAULT_MAX_RESPONSE_SIZE_MB } from '../shared/defaults';

/**
 * A JSON or text body becomes one JavaScript string, and V8 holds at most about 512 MiB in one (2^29 - 24
 * characters); Node 20's TextDecoder aborts the whole process on larger input instead of throwing.
 */
export const MAX_RESPONSE_SIZE_MB = 500;

export const maxCompressionRatioOption: INodeProperties = {
	displayName: 'Max Compression Ratio',
	name: 'maxCompressionRatio',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: DEFAULT_MAX_COMPRESSION_RATIO,
	description:
		'For files sent compressed (gzip, deflate, br): how many times its size on the wire a file may grow to when decompressed (checked after its first MB). A file that grows more fails the item, since a few KB can decompress to gigabytes. 0 turns the check off.',
};

export const maxResponseSizeOption: INodeProperties = {
	displayName: 'Max Response Size (MB)',
	name: 'maxResponseSize',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_RESPONSE_SIZE_MB },
	default: DEFAULT_MAX_RESPONSE_SIZE_MB,
	description: `The largest JSON or text response body, in MB (1 MB = 1,048,576 bytes) after decompression, at most ${MAX_RESPONSE_SIZE_MB}. A larger body fails the item as soon as it passes the limit, so memory stays bounded. Files are not limited by size.`,
};
