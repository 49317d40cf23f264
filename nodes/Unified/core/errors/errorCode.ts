/** The code of the error, or of the first of its causes that has one (`fetch failed` wraps the socket's error). */
export function errorCode(error: unknown): string | undefined {
	const seen = new Set<unknown>();
	let current = error as { code?: unknown; cause?: unknown; name?: unknown } | undefined;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		if (typeof current.code === 'string') return current.code;
		if (current.name === 'AbortError') return 'ABORT_ERR';
		current = current.cause as typeof current;
	}
	return undefined;
}
