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

/**
 * Every text a chain of lenient servers may read from `text`: `text` itself (depth 0), then each layer of
 * percent-decoding, where each layer is decoded both as it is and after NFKC folding: "％２ｅ" is not an escape,
 * but folds to "%2e", which decodes to ".". Calls `visit` once per distinct text of each depth. Returns false
 * when decoding the texts of `maxDepth` still changes some of them (more layers than the caller checks).
 */
export function everyDecoding(
	text: string,
	maxDepth: number,
	notUtf8: (run: string) => string,
	visit: (layer: string, depth: number) => void,
): boolean {
	let layers = new Set([text]);
	for (let depth = 0; ; depth++) {
		const next = new Set<string>();
		for (const layer of layers) {
			visit(layer, depth);
			for (const form of new Set([layer, layer.normalize('NFKC')])) {
				const decoded = decodeEscapes(form, notUtf8);
				if (decoded !== form) next.add(decoded);
			}
		}
		if (next.size === 0) return true;
		if (depth === maxDepth) return false;
		layers = next;
	}
}
