function decodeExtValue(value: string): string | undefined {
	// RFC 5987: charset'language'percent-encoded
	const match = /^([^']*)'[^']*'(.*)$/.exec(value.trim().replace(/^"|"$/g, ''));
	if (!match) return undefined;
	const [, charset, encoded] = match;
	try {
		if (charset.toLowerCase() === 'utf-8' || charset === '') return decodeURIComponent(encoded);
		const bytes = Buffer.from(encoded.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
		return new TextDecoder(charset).decode(bytes);
	} catch {
		return undefined;
	}
}

/** The file name a Content-Disposition header gives; `filename*` wins over `filename`. */
export function fileNameFromContentDisposition(header: string | undefined): string | undefined {
	if (!header) return undefined;
	const extended = /filename\*\s*=\s*("[^"]*"|[^;]+)/i.exec(header);
	if (extended) {
		const decoded = decodeExtValue(extended[1]);
		if (decoded) return sanitize(decoded);
	}
	const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]+)/i.exec(header);
	if (!plain) return undefined;
	const value = plain[2] !== undefined ? plain[2].replace(/\\(.)/g, '$1') : plain[1].trim();
	return sanitize(value);
}

function sanitize(name: string): string | undefined {
	const base = name.split(/[\\/]/).pop()?.trim();
	return base ? base : undefined;
}

/** The last non-empty segment of the request path, decoded, as a fallback file name. */
export function fileNameFromPath(path: string): string | undefined {
	const segment = path.split('?')[0].split('/').filter(Boolean).pop();
	if (!segment) return undefined;
	try {
		return sanitize(decodeURIComponent(segment));
	} catch {
		return sanitize(segment);
	}
}
