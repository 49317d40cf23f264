import { asRecord } from '../shared/values';

export interface BodyErrorSummary {
	message: string;
	description: string;
}

/** A 2xx body that says the call failed. Today that is Slack's `{ "ok": false, "error": ... }`. */
export function detectBodyError(body: unknown): BodyErrorSummary | undefined {
	const record = asRecord(body);
	if (!record || record.ok !== false) return undefined;
	const code = typeof record.error === 'string' && record.error ? record.error : 'unknown_error';
	let description = `Slack reported "${code}". See https://api.slack.com/methods for what the code means for this method.`;
	if (code === 'missing_scope') {
		const needed = typeof record.needed === 'string' ? record.needed : undefined;
		description = needed
			? `The Slack connection lacks the scope "${needed}"${typeof record.provided === 'string' ? ` (it has: ${record.provided})` : ''}. Re-authorize the connection in Unified.to with that scope.`
			: 'The Slack connection lacks a required scope. Re-authorize it in Unified.to with the scope this method needs.';
	} else if (code === 'ratelimited') {
		description =
			'Slack\'s rate limit for this method was reached. Lower "Concurrency" or add a "Request Interval".';
	} else if (
		code === 'invalid_auth' ||
		code === 'not_authed' ||
		code === 'token_revoked' ||
		code === 'account_inactive'
	) {
		description =
			"Slack rejected the connection's token. Re-authorize the connection in Unified.to.";
	}
	return { message: `Slack returned ok: false: ${code}`, description };
}
