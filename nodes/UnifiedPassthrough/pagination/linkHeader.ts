/**
 * The target of the `rel="next"` link in a Link header (RFC 8288), or undefined. Several headers, several links
 * per header, quoted and unquoted rel values, and rel lists such as `rel="next last"` are understood.
 */
export function nextLink(header: string | string[] | undefined): string | undefined {
	const values = Array.isArray(header) ? header : header === undefined ? [] : [header];
	for (const value of values) {
		const pattern = /<([^>]*)>((?:\s*;\s*[^;,<=]+(?:=\s*(?:"[^"]*"|[^;,]*))?)*)/g;
		for (const match of value.matchAll(pattern)) {
			const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s]+))/i.exec(match[2]);
			const relations = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
			if (relations.includes('next')) return match[1].trim();
		}
	}
	return undefined;
}
