import {
	NodeApiError,
	NodeOperationError,
	type INode,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import { ParameterError } from '../shared/parameterError';
import { PassthroughFailure } from '../shared/failure';
import { redactSecret, redactSecretDeep } from '../shared/redact';

/** The message a user reads; a parameter problem names the parameter. The key is redacted from everything. */
export function userMessage(error: unknown, secret: string): string {
	const message = redactSecret((error as Error).message ?? String(error), secret);
	return error instanceof ParameterError ? `Parameter "${error.parameter}": ${message}` : message;
}

/**
 * The error that fails the node: NodeOperationError for parameters, NodeApiError for what the API answered.
 * `itemIndex` undefined: a node without input items (the polling trigger), whose messages name no item.
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
	return new NodeOperationError(node, `${message}${itemSuffix}`, { itemIndex });
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
