export type ResponseFormat = 'autodetect' | 'json' | 'text' | 'file';

export type BodyKind = 'json' | 'text' | 'binary' | 'empty';

/** `application/json; charset=utf-8` -> `application/json` */
export function mediaTypeOf(contentType: string | undefined): string {
	return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

export function charsetOf(contentType: string | undefined): string | undefined {
	const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
	return match ? match[1].toLowerCase() : undefined;
}

export function isJsonMediaType(mediaType: string): boolean {
	return (
		mediaType === 'application/json' || mediaType.endsWith('+json') || mediaType === 'text/json'
	);
}

const BINARY_PREFIXES = ['image/', 'audio/', 'video/', 'font/'];
const BINARY_TYPES = new Set([
	'application/octet-stream',
	'application/pdf',
	'application/zip',
	'application/gzip',
	'application/x-gzip',
	'application/x-zip-compressed',
	'application/x-7z-compressed',
	'application/x-rar-compressed',
	'application/vnd.rar',
	'application/x-tar',
	'application/x-bzip2',
	'application/epub+zip',
	'application/msword',
	'application/vnd.ms-excel',
	'application/vnd.ms-powerpoint',
	'application/rtf',
	'application/wasm',
	'application/x-binary',
]);

export function isBinaryMediaType(mediaType: string): boolean {
	if (mediaType === 'image/svg+xml') return false;
	if (BINARY_PREFIXES.some((prefix) => mediaType.startsWith(prefix))) return true;
	if (BINARY_TYPES.has(mediaType)) return true;
	// Office Open XML and OpenDocument files (docx, xlsx, pptx, odt, ods, odp, visio...).
	return (
		mediaType.startsWith('application/vnd.openxmlformats-officedocument.') ||
		mediaType.startsWith('application/vnd.oasis.opendocument.') ||
		mediaType.startsWith('application/vnd.visio') ||
		mediaType.startsWith('application/vnd.ms-')
	);
}

const EMPTY_STATUSES = new Set([204, 205, 304]);

/** Decides how to read a response before its body is touched, so binary bodies can be streamed. */
export function classifyResponse(
	format: ResponseFormat,
	statusCode: number,
	contentType: string | undefined,
	isSuccess: boolean,
): BodyKind {
	if (EMPTY_STATUSES.has(statusCode)) return 'empty';
	const mediaType = mediaTypeOf(contentType);
	// Error bodies are always read as data so their message can be shown, whatever format the user chose.
	if (!isSuccess) return isJsonMediaType(mediaType) ? 'json' : 'text';
	if (format === 'json') return 'json';
	if (format === 'text') return 'text';
	if (format === 'file') return 'binary';
	if (isJsonMediaType(mediaType)) return 'json';
	if (isBinaryMediaType(mediaType)) return 'binary';
	return 'text';
}
