import {
	NodeApiError,
	NodeOperationError,
	type INode,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import { OperationFailure } from './operationFailure';
import { ParameterError } from './parameterError';
import { PassthroughFailure } from './passthroughFailure';
import { redactSecret, redactSecretDeep } from '../shared/redact';

/** The message a user reads; a parameter problem names the parameter. The key is redacted from everything. */
export function userMessage(error: unknown, secret: string): string {
	const own = (error as { message?: unknown } | null | undefined)?.message;
	// Anything can be thrown: undefined, null, an object whose message is not text.
	const message = redactSecret(typeof own === 'string' ? own : String(error), secret);
	return error instanceof ParameterError ? `Parameter "${error.parameter}": ${message}` : message;
}

/**
 * The error that fails the node, and the only place the package builds one: NodeOperationError for parameters
 * and operation failures, NodeApiError for a failed call. `itemIndex` undefined: work that covers no input item
 * (a poll, an editor list), whose messages name no item.
 */
export function toNodeError(
	node: INode,
	error: unknown,
	itemIndex: number | undefined,
	secret: string,
): NodeApiError | NodeOperationError {
	const message = userMessage(error, secret);
	const ofItem = itemIndex === undefined ? '' : ` of item ${itemIndex}`;
	const itemSuffix = itemIndex === undefined ? '' : ` [item ${itemIndex}]`;
	if (error instanceof ParameterError) {
		return new NodeOperationError(node, message, {
			itemIndex,
			description: `Fix the "${error.parameter}" parameter${ofItem}; no request was sent.`,
		});
	}
	if (error instanceof PassthroughFailure) {
		const { statusCode } = error.details;
		const description = error.details.description
			? redactSecret(error.details.description, secret)
			: undefined;
		const body = redactSecretDeep(error.details.body, secret);
		const response = { message, description, httpCode: statusCode, body } as unknown as JsonObject;
		const nodeError = new NodeApiError(node, response, {
			itemIndex,
			message: `${message}${itemSuffix}`,
			description,
			httpCode: statusCode === undefined ? undefined : String(statusCode),
		});
		if (error.details.context)
			Object.assign(nodeError.context, redactSecretDeep(error.details.context, secret));
		return nodeError;
	}
	const description =
		error instanceof OperationFailure && error.details.description
			? redactSecret(error.details.description, secret)
			: undefined;
	return new NodeOperationError(node, `${message}${itemSuffix}`, { itemIndex, description });
}

/** The item a failure becomes with continueOnFail (or as an AI tool): `{ error, statusCode?, body?, details? }`. */
export function errorItem(error: unknown, itemIndex: number, secret: string): INodeExecutionData {
	const json: Record<string, unknown> = { error: userMessage(error, secret) };
	if (error instanceof PassthroughFailure) {
		if (error.details.statusCode !== undefined) json.statusCode = error.details.statusCode;
		// Bodies were redacted when read; this is the last stop before run data, for any body that came another way.
		if (error.details.body !== undefined) json.body = redactSecretDeep(error.details.body, secret);
		if (error.details.recordDetails !== undefined)
			json.details = redactSecretDeep(error.details.recordDetails, secret);
	}
	return { json: json as INodeExecutionData['json'], pairedItem: { item: itemIndex } };
}
