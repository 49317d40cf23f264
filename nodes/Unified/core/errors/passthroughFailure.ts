/**
 * An item's failure as a plain value: what the user reads, plus what the error item carries. The node turns
 * it into NodeApiError / NodeOperationError at the last moment.
 */
export class PassthroughFailure extends Error {
	constructor(
		message: string,
		readonly details: {
			description?: string;
			/** Set for HTTP errors: the status Unified or the upstream answered with. */
			statusCode?: number;
			/** The response body (parsed JSON or text), for HTTP errors. */
			body?: unknown;
			/** A network or timeout code (ECONNRESET, UND_ERR_HEADERS_TIMEOUT...). */
			code?: string;
			/** The upstream's own fields about one record of a batch (HubSpot's category, Salesforce's errors). */
			recordDetails?: Record<string, unknown>;
			/** Added to the node error's `context`, which n8n keeps with the execution (a batch's failed records). */
			context?: Record<string, unknown>;
		} = {},
	) {
		super(message);
		this.name = 'PassthroughFailure';
	}
}
