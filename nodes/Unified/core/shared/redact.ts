const REDACTED = '**hidden**';

type Headers = Record<string, string | string[] | undefined>;

/** Below this length a "key" would match ordinary text: a missing or very short key is left alone. */
export function redactable(secret: string): boolean {
	return secret.length >= 4;
}

/** Replaces every occurrence of the API key. */
export function redactSecret(text: string, secret: string): string {
	return redactable(secret) && text.includes(secret) ? text.split(secret).join(REDACTED) : text;
}

/** Response headers with the key redacted from every name and value (the same object when none holds it). */
export function redactHeaders(headers: Headers, secret: string): Headers {
	if (
		!redactable(secret) ||
		!Object.entries(headers).some(
			([name, value]) =>
				name.includes(secret) || (value !== undefined && String(value).includes(secret)),
		)
	) {
		return headers;
	}
	const redacted: Headers = {};
	for (const [name, value] of Object.entries(headers)) {
		redacted[redactSecret(name, secret)] = Array.isArray(value)
			? value.map((entry) => redactSecret(entry, secret))
			: value === undefined
				? value
				: redactSecret(value, secret);
	}
	return redacted;
}

const SHORT_ESCAPES: Record<string, string> = {
	'"': '\\\\"',
	'\\': '\\\\\\\\',
	'/': '\\\\/',
	'\b': '\\\\b',
	'\f': '\\\\f',
	'\n': '\\\\n',
	'\r': '\\\\r',
	'\t': '\\\\t',
};

const escapePatterns = new Map<string, RegExp>();

/** Matches the JSON escapes (`\u0073`, `\/`...) that stand for a character of the key. */
function keyCharacterEscapes(secret: string): RegExp {
	let pattern = escapePatterns.get(secret);
	if (!pattern) {
		const alternatives = [...new Set(secret.split(''))].map((character) => {
			const unicode = `\\\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
			return SHORT_ESCAPES[character] ? `${unicode}|${SHORT_ESCAPES[character]}` : unicode;
		});
		pattern = new RegExp(alternatives.join('|'), 'i');
		// One key per credential: the cache stays tiny, but is dropped if it ever grows.
		if (escapePatterns.size > 16) escapePatterns.clear();
		escapePatterns.set(secret, pattern);
	}
	return pattern;
}

/**
 * Whether JSON.parse could turn this text, already redacted as text, into values holding the key: only when an
 * escape sequence in it stands for one of the key's characters (`"\u0073k_live..."`). Most bodies have none, so
 * the parsed value is walked only for the few that do.
 */
export function jsonMayHideSecret(text: string, secret: string): boolean {
	return redactable(secret) && text.includes('\\') && keyCharacterEscapes(secret).test(text);
}

/** Redacts the key from every string and object key of a parsed JSON value, in place; returns the value. */
export function redactSecretDeep<T>(value: T, secret: string): T {
	if (!redactable(secret)) return value;
	if (typeof value === 'string') return redactSecret(value, secret) as T;
	// Iterative: a hostile body may nest deeper than the call stack allows.
	const pending: unknown[] = [value];
	while (pending.length) {
		const container = pending.pop();
		if (typeof container !== 'object' || container === null) continue;
		if (Array.isArray(container)) {
			for (let index = 0; index < container.length; index++) {
				const entry: unknown = container[index];
				if (typeof entry === 'string') {
					if (entry.includes(secret)) container[index] = redactSecret(entry, secret);
				} else if (typeof entry === 'object' && entry !== null) {
					pending.push(entry);
				}
			}
			continue;
		}
		const record = container as Record<string, unknown>;
		const names = Object.keys(record);
		if (names.some((name) => name.includes(secret))) renameKeys(record, names, secret);
		for (const name of Object.keys(record)) {
			const entry = record[name];
			if (typeof entry === 'string') {
				if (entry.includes(secret)) record[name] = redactSecret(entry, secret);
			} else if (typeof entry === 'object' && entry !== null) {
				pending.push(entry);
			}
		}
	}
	return value;
}

/** Renames keys holding the secret, keeping the key order. defineProperty, so that a "__proto__" key stays a plain key. */
function renameKeys(record: Record<string, unknown>, names: string[], secret: string): void {
	const entries = names.map((name) => [redactSecret(name, secret), record[name]] as const);
	for (const name of names) delete record[name];
	for (const [name, entry] of entries) {
		Object.defineProperty(record, name, {
			value: entry,
			enumerable: true,
			writable: true,
			configurable: true,
		});
	}
}

/**
 * A body cut at a byte limit may end in the first characters of the key, which no whole-key redaction sees:
 * the longest such ending is redacted (after any U+FFFD the cut left of a split character).
 */
export function redactCutOffSecret(text: string, secret: string): string {
	if (!redactable(secret)) return text;
	const trimmed = text.replace(/\ufffd+$/, '');
	for (let length = Math.min(secret.length - 1, trimmed.length); length > 0; length--) {
		if (trimmed.endsWith(secret.slice(0, length))) return trimmed.slice(0, -length) + REDACTED;
	}
	return text;
}
