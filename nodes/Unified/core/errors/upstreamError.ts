import { asRecord } from '../shared/values';

export interface ErrorSummary {
	/** The upstream's or Unified's own words, or a status line when there are none. */
	message: string;
	/** What the user can do about it. */
	description: string;
}

export interface ErrorContext {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
	connectionId: string;
	path: string;
}

const STATUS_TEXT: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	409: 'Conflict',
	415: 'Unsupported Media Type',
	422: 'Unprocessable Entity',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	501: 'Not Implemented',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Unified answers in the Fastify/Boom shape and, unlike an upstream, without X-EndApi-Response-Time. */
export function isUnifiedError(headers: ErrorContext['headers'], body: unknown): boolean {
	const record = asRecord(body);
	if (!record || headers['x-endapi-response-time'] !== undefined) return false;
	return (
		typeof record.statusCode === 'number' &&
		typeof record.error === 'string' &&
		typeof record.message === 'string'
	);
}

/** The message an API put in its error body: HubSpot, Slack, Salesforce, Unified and common shapes. */
export function extractUpstreamMessage(body: unknown): string | undefined {
	if (Array.isArray(body)) {
		// Salesforce: [{ message, errorCode, fields }]
		const messages = body
			.map((entry) => {
				const record = asRecord(entry);
				if (!record) return undefined;
				const message = text(record.message);
				const code = text(record.errorCode) ?? text(record.code);
				return code && message ? `${code}: ${message}` : (message ?? code);
			})
			.filter((entry): entry is string => entry !== undefined);
		return messages.length ? messages.join('; ') : undefined;
	}
	if (typeof body === 'string') {
		const trimmed = body.trim();
		return trimmed ? trimmed.slice(0, 500) : undefined;
	}
	const record = asRecord(body);
	if (!record) return undefined;
	// Slack: { ok: false, error: "name_taken" }
	if (record.ok === false && text(record.error)) return text(record.error);
	const nested = asRecord(record.error);
	return (
		text(record.message) ??
		text(nested?.message) ??
		text(record.error_description) ??
		text(record.error) ??
		text(record.detail) ??
		text(record.title) ??
		text(asRecord(Array.isArray(record.errors) ? record.errors[0] : undefined)?.message)
	);
}

function adviceFor(context: ErrorContext, fromUnified: boolean): string {
	const { statusCode, connectionId } = context;
	if (fromUnified) {
		switch (statusCode) {
			case 401:
				return 'Unified.to rejected the API key. Check the API key and the region in the Unified.to credential: a key only works in the region its workspace was created in.';
			case 403:
				return 'Unified.to refused the call. Check that the API key belongs to the workspace that owns this connection.';
			case 404:
				return `Unified.to has no connection "${connectionId}" in this workspace and region. Check the connection id (pick it from the list).`;
			case 429:
				return 'Unified.to\'s own per-minute limit was reached. Lower "Concurrency" or add a "Request Interval", or retry later.';
			case 501:
				return 'This integration does not support passthrough calls in Unified.to.';
			default:
				return 'Unified.to could not process the call. Check the connection in app.unified.to.';
		}
	}
	if (statusCode === 401) {
		return "The upstream API rejected the connection's authorization: the connection is likely broken or expired. Re-authorize it in Unified.to.";
	}
	if (statusCode === 403) {
		return 'The upstream API refused the call: the connection may lack a permission or scope, or an API quota was reached (Salesforce reports REQUEST_LIMIT_EXCEEDED as 403).';
	}
	if (statusCode === 404) {
		return `The upstream API has nothing at "${context.path}". Check the path against the API's documentation: it is relative to the integration's API root.`;
	}
	if (statusCode === 429) {
		return 'The upstream API\'s rate limit was reached. Lower "Concurrency" or add a "Request Interval".';
	}
	if (statusCode >= 500) {
		return 'The upstream API failed to process the call. It may be temporary: try again later.';
	}
	return 'The upstream API rejected the request. Check the method, path, query and body against its documentation.';
}

export function summarizeHttpError(context: ErrorContext): ErrorSummary {
	const fromUnified = isUnifiedError(context.headers, context.body);
	const own = extractUpstreamMessage(context.body);
	const status = `${context.statusCode}${STATUS_TEXT[context.statusCode] ? ` ${STATUS_TEXT[context.statusCode]}` : ''}`;
	const source = fromUnified ? 'Unified.to' : 'Upstream';
	return {
		message: own ? `${source} returned ${status}: ${own}` : `${source} returned ${status}`,
		description: adviceFor(context, fromUnified),
	};
}
