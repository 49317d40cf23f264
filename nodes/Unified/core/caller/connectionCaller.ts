import type { IBinaryData } from 'n8n-workflow';

import type { RequestSpec } from '../request/requestSpec';
import type { ResponseFormat } from '../response/contentType';
import { isSuccessStatus } from '../response/readResponse';
import type { Runtime } from '../runtime/createRuntime';
import type { ItemOptions } from '../runtime/options';
import type { PassthroughFailure } from '../errors/passthroughFailure';
import { getDispatcher } from '../transport/dispatcher';
import { statusFailure, unusableFailure } from './answerFailure';
import {
	callPassthrough,
	type CallChannel,
	type CallContext,
	type CallResult,
} from './passthroughCall';

/**
 * Which answers a call returns; the others fail it.
 * - `usable`: what the options accept: a 2xx or 304 whose JSON body reports no error ("Fail On Body Error"), or
 *   any status with "Never Error".
 * - `success`: only a 2xx, whatever the options say (a batch: its records, not the body, tell what failed).
 * - `any`: every answer, for a caller that reads the status itself.
 */
export type Accept = 'usable' | 'success' | 'any';

/** What one call asks beyond its connection's options. */
export interface CallSettings {
	/** How the body is read; the options' "Response Format" when not given. */
	format?: ResponseFormat;
	/** Also hash the body bytes (the identical-page guard of a page loop). */
	fingerprint?: boolean;
	/** `usable` when not given. */
	accept?: Accept;
	/** Safe to send again whatever its method (a batch update by id is a POST): retried like a GET. */
	repeatable?: boolean;
}

export type CallOutcome<TBinary> =
	| { response: CallResult<TBinary> }
	| { failure: PassthroughFailure };

/** One connection's calls in one execution: built once, with the connection's options, used for every call. */
export interface ConnectionCaller<TBinary = IBinaryData> {
	readonly connectionId: string;
	/** The answer, checked per `settings.accept`; a refused answer throws its failure. */
	call(spec: RequestSpec, settings?: CallSettings): Promise<CallResult<TBinary>>;
	/** The same call, with a refused answer as a value (a batch splits on it); other failures still throw. */
	outcome(spec: RequestSpec, settings?: CallSettings): Promise<CallOutcome<TBinary>>;
}

/** How a caller sends one call with its context: `callPassthrough`, or a fake in the unit tests. */
export type SendCall<TBinary> = (
	spec: RequestSpec,
	context: CallContext<TBinary>,
) => Promise<CallResult<TBinary>>;

export interface CallerConnection<TBinary> {
	connectionId: string;
	channel: CallChannel<TBinary>;
	/** The options of the item (action node) or of the node (trigger): retry, limits, format, error handling. */
	options: ItemOptions;
	/** Redacted from every body read. */
	secret: string;
}

/** Why this answer fails the call, per `accept`; undefined when it is returned. */
function refusal(
	response: CallResult<unknown>,
	accept: Accept,
	options: ItemOptions,
	connectionId: string,
	path: string,
): PassthroughFailure | undefined {
	if (accept === 'any') return undefined;
	if (accept === 'usable') return unusableFailure(response, options, connectionId, path);
	return isSuccessStatus(response.statusCode)
		? undefined
		: statusFailure(response, connectionId, path);
}

/** A caller over any way of sending a call: the passthrough's, or a fake in the unit tests. */
export function createConnectionCaller<TBinary>(
	connection: CallerConnection<TBinary>,
	send: SendCall<TBinary>,
): ConnectionCaller<TBinary> {
	const { connectionId, channel, options, secret } = connection;
	const outcome = async (
		spec: RequestSpec,
		settings: CallSettings = {},
	): Promise<CallOutcome<TBinary>> => {
		const accept = settings.accept ?? 'usable';
		const response = await send(spec, {
			...channel,
			retry: settings.repeatable ? { ...options.retry, retryNonIdempotent: true } : options.retry,
			reading: {
				secret,
				format: settings.format ?? options.responseFormat,
				// A 2xx body that is not the JSON it should be: text with "Never Error", a failure otherwise.
				neverError: accept !== 'success' && options.neverError,
				maxBodyBytes: options.maxBodyBytes,
				maxCompressionRatio: options.maxCompressionRatio,
				fingerprint: settings.fingerprint === true,
			},
		});
		const failure = refusal(response, accept, options, connectionId, spec.path);
		return failure ? { failure } : { response };
	};
	return {
		connectionId,
		outcome,
		async call(spec, settings) {
			const answer = await outcome(spec, settings);
			if ('failure' in answer) throw answer.failure;
			return answer.response;
		},
	};
}

/** How a node calls one connection in this execution: the runtime's key, signal, flow and binary store. */
export function connectionCaller(
	runtime: Runtime,
	connectionId: string,
	options: ItemOptions,
): ConnectionCaller {
	const channel: CallChannel<IBinaryData> = {
		send: {
			baseUrl: runtime.baseUrl,
			apiKey: runtime.secret,
			connectionId,
			dispatcher: getDispatcher(options),
			signal: runtime.signal,
			headersTimeoutMs: options.headersTimeoutMs,
			bodyTimeoutMs: options.bodyTimeoutMs,
		},
		flow: runtime.flow,
		storeBinary: runtime.storeBinary,
		signal: runtime.signal,
	};
	return createConnectionCaller(
		{ connectionId, channel, options, secret: runtime.secret },
		callPassthrough,
	);
}
