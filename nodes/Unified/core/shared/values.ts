/** The value as a plain object, or undefined for arrays, primitives and null. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: undefined;
}

/** 1234 -> "1.2 s", for messages. */
export function seconds(ms: number): string {
	return `${Math.round(ms / 100) / 10} s`;
}

export const MEGABYTE = 1024 * 1024;

/** 1536 -> "1.5 KB", 134217728 -> "128 MB" (1 KB = 1024 bytes), for messages. */
export function byteSize(bytes: number): string {
	if (bytes < 1024) return `${bytes} bytes`;
	const [value, unit] = bytes < MEGABYTE ? [bytes / 1024, 'KB'] : [bytes / MEGABYTE, 'MB'];
	return `${Math.round(value * 10) / 10} ${unit}`;
}
