import type { Readable } from 'node:stream';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export type BodyPayload = string | Buffer | Readable;

/** A request body that can be opened again for every attempt (a stream can only be read once). */
export interface BodySource {
	contentType?: string;
	/** The body's own Content-Type must win over a user header (a multipart boundary must match the body). */
	contentTypeIsFixed?: boolean;
	/** Byte length when known up front (for Content-Length on streamed uploads). */
	length?: number;
	open(): Promise<BodyPayload> | BodyPayload;
}

/** Everything needed to send one passthrough call, independent of n8n and of the network. */
export interface RequestSpec {
	method: HttpMethod;
	/** Encoded path relative to the integration's API root, without a leading slash. */
	path: string;
	query: Array<[string, string]>;
	/** Lower-cased names. */
	headers: Record<string, string>;
	body?: BodySource;
}
