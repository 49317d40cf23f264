/**
 * A parameter that is a resource locator in the editor ({ __rl, mode, value }) but was a plain string before:
 * saved workflows hold either, and both must run. Anything else reads as '' (the source then names the field).
 */
export function locatorText(saved: unknown): string {
	if (typeof saved === 'string') return saved;
	if (typeof saved === 'object' && saved !== null && !Array.isArray(saved)) {
		const value = (saved as { value?: unknown }).value;
		return typeof value === 'string' ? value : '';
	}
	return '';
}

/** Property names saved as a list (the editor's multi-select) or, before, as one comma-separated string. */
export function namesText(saved: unknown): string {
	if (Array.isArray(saved)) return saved.map((name) => String(name)).join(',');
	return typeof saved === 'string' ? saved : '';
}
