const REDACTED = '**hidden**';

type Headers = Record<string, string | string[] | undefined>;

/** Response headers with the key redacted from every value (the same object when none holds it). */
export function redactHeaders(headers: Headers, secret: string): Headers {
	if (secret.length < 4 || !Object.values(headers).some((value) => value !== undefined && String(value).includes(secret))) {
		return headers;
	}
	const redacted: Headers = {};
	for (const [name, value] of Object.entries(headers)) {
		redacted[name] = Array.isArray(value) ? value.map((entry) => redactSecret(entry, secret)) : value === undefined ? value : redactSecret(value, secret);
	}
	return redacted;
}

/** Replaces every occurrence of the API key; a missing or very short key is left alone (it would match anything). */
export function redactSecret(text: string, secret: string): string {
	return secret.length >= 4 && text.includes(secret) ? text.split(secret).join(REDACTED) : text;
}
