// After NFKC, which has turned fullwidth and small forms (U+FF0F, U+FF3C, U+FE68) into `/` and `\`.
const PATH_SEPARATORS = /[/\\]/;
// Slashes that are not separators here, but that Windows' best-fit code pages turn into `/` or `\`.
const SLASH_LOOKALIKES = /[\u2044\u2215\u2216\u29f5\u29f8\u29f9]/g;
// Control characters (C0, DEL, C1), bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C: they make
// "invoice\u202Efdp.exe" read as "invoiceexe.pdf"), line and paragraph separators, zero-width space, word joiner, BOM.
const INVISIBLE = /[\p{Cc}\p{Bidi_Control}\p{Zl}\p{Zp}\u200b\u2060\ufeff]/gu;

/**
 * A file name fit to show and to write: the last path segment, without invisible or control characters, never "."
 * or "..". NFKC first, so that fullwidth dots and slashes ("．．／") count as what they look like.
 */
export function sanitizeFileName(name: string): string | undefined {
	const cleaned = name.normalize('NFKC').replace(INVISIBLE, '');
	const base = cleaned.split(PATH_SEPARATORS).pop()!.replace(SLASH_LOOKALIKES, '_').trim();
	return base === '' || /^[.\s]+$/.test(base) ? undefined : base;
}

/**
 * undici gives header values one character per byte (latin1). A server that writes a raw UTF-8 `filename="Übersicht.pdf"`
 * (common, though not in the RFC) would show as "Ã\u009cbersicht.pdf": bytes that are valid UTF-8 are read as UTF-8.
 */
export function headerTextAsUtf8(value: string): string {
	// eslint-disable-next-line no-control-regex
	if (!/[\u0080-\u00ff]/.test(value) || /[^\u0000-\u00ff]/.test(value)) return value;
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(value, 'latin1'));
	} catch {
		return value;
	}
}

function decodeExtValue(value: string): string | undefined {
	// RFC 5987: charset'language'percent-encoded
	const match = /^([^']*)'[^']*'(.*)$/.exec(value.trim());
	if (!match) return undefined;
	const [, charset, encoded] = match;
	try {
		if (charset.toLowerCase() === 'utf-8' || charset === '') return decodeURIComponent(encoded);
		const bytes = Buffer.from(
			encoded.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) =>
				String.fromCharCode(parseInt(hex, 16)),
			),
			'latin1',
		);
		return new TextDecoder(charset).decode(bytes);
	} catch {
		return undefined;
	}
}

// `; name=value` or `; name="quoted \" value"`; a quoted value may hold `;` and `=`, so it is matched as a whole.
const PARAMETER = /(?:^|;)\s*([^\s=;"]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;"]*))/g;

function dispositionParameters(header: string): Map<string, string> {
	const parameters = new Map<string, string>();
	for (const [, name, quoted, token] of header.matchAll(PARAMETER)) {
		const key = name.toLowerCase();
		if (!parameters.has(key))
			parameters.set(key, quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : token.trim());
	}
	return parameters;
}

/** The file name a Content-Disposition header gives; `filename*` wins over `filename`. */
export function fileNameFromContentDisposition(header: string | undefined): string | undefined {
	if (!header) return undefined;
	const parameters = dispositionParameters(header);
	const extended = parameters.get('filename*');
	const decoded = extended === undefined ? undefined : decodeExtValue(extended);
	if (decoded !== undefined) {
		const name = sanitizeFileName(decoded);
		if (name) return name;
	}
	const plain = parameters.get('filename');
	return plain === undefined ? undefined : sanitizeFileName(headerTextAsUtf8(plain));
}

/** The last non-empty segment of the request path, decoded, as a fallback file name. */
export function fileNameFromPath(path: string): string | undefined {
	const segment = path.split('?')[0].split('/').filter(Boolean).pop();
	if (!segment) return undefined;
	try {
		return sanitizeFileName(decodeURIComponent(segment));
	} catch {
		return sanitizeFileName(segment);
	}
}
