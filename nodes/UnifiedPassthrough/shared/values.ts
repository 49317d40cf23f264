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
