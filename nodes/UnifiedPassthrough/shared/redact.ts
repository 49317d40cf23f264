const REDACTED = '**hidden**';

/** Replaces every occurrence of the API key; a missing or very short key is left alone (it would match anything). */
export function redactSecret(text: string, secret: string): string {
	return secret.length >= 4 && text.includes(secret) ? text.split(secret).join(REDACTED) : text;
}
