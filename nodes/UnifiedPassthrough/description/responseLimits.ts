import type { INodeProperties } from 'n8n-workflow';

/** In MB of 1,048,576 bytes; the description's default and the runtime's, when the option is absent. */
export const DEFAULT_MAX_RESPONSE_SIZE_MB = 128;

/** Decoded bytes per received byte for compressed files; the description's default and the runtime's. */
export const DEFAULT_MAX_COMPRESSION_RATIO = 100;

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
	typeOptions: { minValue: 1 },
	default: DEFAULT_MAX_RESPONSE_SIZE_MB,
	description:
		'The largest JSON or text response body, in MB (1 MB = 1,048,576 bytes) after decompression. A larger body fails the item as soon as it passes the limit, so memory stays bounded. Files are not limited by size.',
};
