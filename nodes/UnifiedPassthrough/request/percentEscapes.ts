const ESCAPE_RUN = /(?:%[0-9A-Fa-f]{2})+/g;

/**
 * Decodes every run of valid `%XX` escapes as UTF-8 and leaves a "%" that starts no escape as it is: one layer of
 * what a server's decoder does. A run that is not UTF-8 (`%FF`, the overlong `%C0%AE`) is handed to `notUtf8`.
 */
export function decodeEscapes(text: string, notUtf8: (run: string) => string): string {
	return text.replace(ESCAPE_RUN, (run) => {
		try {
			return decodeURIComponent(run);
		} catch {
			return notUtf8(run);
		}
	});
}
