/**
 * The target of the `rel="next"` link in a Link header (RFC 8288), or undefined. Several headers, several links
 * per header, quoted and unquoted rel values, and rel lists such as `rel="next last"` are understood.
 *
 * A hand-written scan rather than a regular expression: the header comes from the upstream, and a pattern with
 * `<([^>]*)>` takes quadratic time on a run of `<` without `>`. Here every character is read a bounded number of
 * times, whatever the input.
 */
export function nextLink(header: string | string[] | undefined): string | undefined {
	const values = Array.isArray(header) ? header : header === undefined ? [] : [header];
	for (const value of values) {
		for (const link of linkValues(value)) {
			const relations = (relParameter(link.parameters) ?? '').toLowerCase().split(/\s+/);
			if (relations.includes('next')) return link.target.trim();
		}
	}
	return undefined;
}

interface LinkValue {
	target: string;
	/** What follows the target up to the next link: `; rel="next"; title="x, y"`. */
	parameters: string;
}

function* linkValues(value: string): Generator<LinkValue> {
	let position = 0;
	while (position < value.length) {
		const first = value.indexOf('<', position);
		if (first === -1) return;
		const close = value.indexOf('>', first + 1);
		// No `>` after this `<` means none after any later `<` either: stop instead of searching again.
		if (close === -1) return;
		// A URI cannot hold a `<`, so stray ones before the target are junk: the link opens at the last one.
		const open = value.lastIndexOf('<', close);
		const end = endOfParameters(value, close + 1);
		yield { target: value.slice(open + 1, close), parameters: value.slice(close + 1, end) };
		position = end;
	}
}

/** Where a link's parameters end: at the `,` or `<` that starts the next link, outside quoted strings. */
function endOfParameters(value: string, from: number): number {
	let quoted = false;
	for (let index = from; index < value.length; index++) {
		const char = value[index];
		if (quoted) {
			if (char === '\\') index++;
			else if (char === '"') quoted = false;
		} else if (char === '"') {
			quoted = true;
		} else if (char === ',' || char === '<') {
			return index;
		}
	}
	return value.length;
}

/** The value of the first `rel` parameter (later ones are ignored, as RFC 8288 says), unquoted. */
function relParameter(parameters: string): string | undefined {
	for (const parameter of splitParameters(parameters)) {
		const equals = parameter.indexOf('=');
		if (equals === -1 || parameter.slice(0, equals).trim().toLowerCase() !== 'rel') continue;
		return unquote(parameter.slice(equals + 1).trim());
	}
	return undefined;
}

/** `; a=1; b="x;y"` -> ['a=1', 'b="x;y"']: splits on `;` outside quoted strings. */
function splitParameters(parameters: string): string[] {
	const parts: string[] = [];
	let start = 0;
	let quoted = false;
	for (let index = 0; index < parameters.length; index++) {
		const char = parameters[index];
		if (quoted) {
			if (char === '\\') index++;
			else if (char === '"') quoted = false;
		} else if (char === '"') {
			quoted = true;
		} else if (char === ';') {
			parts.push(parameters.slice(start, index));
			start = index + 1;
		}
	}
	parts.push(parameters.slice(start));
	return parts.map((part) => part.trim()).filter((part) => part !== '');
}

/** `"next last"` -> `next last`, backslash escapes undone; an unquoted value as it is. */
function unquote(value: string): string {
	if (!value.startsWith('"')) return value;
	let result = '';
	for (let index = 1; index < value.length; index++) {
		const char = value[index];
		if (char === '"') break;
		if (char === '\\') index++;
		result += value[index] ?? '';
	}
	return result;
}
