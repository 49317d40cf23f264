import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import {
	errorItem,
	OperationFailure,
	ParameterError,
	PassthroughFailure,
	toNodeError,
} from '../../../../nodes/Unified/core/errors';
import { executionCanceled } from '../../../../nodes/Unified/core/errors/operationFailure';

const node = {
	name: 'Passthrough',
	type: 'n8n-nodes-unified.unifiedPassthrough',
	typeVersion: 1,
	parameters: {},
} as unknown as INode;
const SECRET = 'sk_live_secret_key_123';

describe('toNodeError: the one conversion of every kind', () => {
	it('a ParameterError becomes a NodeOperationError naming the parameter; nothing was sent', () => {
		const error = toNodeError(node, new ParameterError('path', 'must not be empty'), 2, SECRET);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Parameter "path": must not be empty');
		expect(error.description).toBe('Fix the "path" parameter of item 2; no request was sent.');
		expect(error.context.itemIndex).toBe(2);
	});

	it('without an item (a poll), a ParameterError names no item', () => {
		const error = toNodeError(node, new ParameterError('source', 'unknown'), undefined, SECRET);
		expect(error.description).toBe('Fix the "source" parameter; no request was sent.');
		expect(error.context.itemIndex).toBeUndefined();
	});

	it('a PassthroughFailure becomes a NodeApiError with the status, the item and the key redacted everywhere', () => {
		const failure = new PassthroughFailure(`Upstream returned 400 Bad Request: ${SECRET}`, {
			description: `echoed ${SECRET}`,
			statusCode: 400,
			body: { echo: SECRET },
			context: { failedRecords: [{ item: 1, error: SECRET }] },
		});
		const error = toNodeError(node, failure, 1, SECRET) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Upstream returned 400 Bad Request: **hidden** [item 1]');
		expect(error.description).toBe('echoed **hidden**');
		expect(error.httpCode).toBe('400');
		expect(error.context.itemIndex).toBe(1);
		expect(error.context.failedRecords).toEqual([{ item: 1, error: '**hidden**' }]);
		expect(JSON.stringify(error)).not.toContain(SECRET);
	});

	it('an OperationFailure becomes a NodeOperationError with its description, the key redacted', () => {
		const failure = new OperationFailure(`Unified.to returned 401: bad key ${SECRET}`, {
			description: `Check the key ${SECRET}.`,
		});
		const error = toNodeError(node, failure, undefined, SECRET);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Unified.to returned 401: bad key **hidden**');
		expect(error.description).toBe('Check the key **hidden**.');
		expect(error.context.itemIndex).toBeUndefined();
	});

	it('a canceled execution is worded so that n8n records it as canceled', () => {
		const error = toNodeError(node, executionCanceled(3, 10), undefined, SECRET);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(
			'The execution was canceled: requests in flight were aborted and no new request was started',
		);
		expect(error.description).toBe('3 of 10 items had finished before the cancel.');
	});

	it('anything else (a bug, a plain Error, a thrown string) becomes a NodeOperationError naming the item', () => {
		expect(toNodeError(node, new Error(`boom ${SECRET}`), 4, SECRET).message).toBe(
			'boom **hidden** [item 4]',
		);
		const fromString = toNodeError(node, 'not an error', 0, SECRET);
		expect(fromString).toBeInstanceOf(NodeOperationError);
		expect(fromString.message).toBe('not an error [item 0]');
		expect(toNodeError(node, undefined, undefined, SECRET).message).toBe('undefined');
		expect(toNodeError(node, null, 1, SECRET).message).toBe('null [item 1]');
		expect(toNodeError(node, { message: 42 }, 1, SECRET).message).toBe('[object Object] [item 1]');
		expect(errorItem(undefined, 2, SECRET).json).toEqual({ error: 'undefined' });
	});
});

describe('errorItem: the same kinds as an item (On Error: Continue, tool mode)', () => {
	it('carries the status, the body and the record details of a PassthroughFailure, redacted', () => {
		const failure = new PassthroughFailure('Upstream returned 409 Conflict', {
			statusCode: 409,
			body: { token: SECRET },
			recordDetails: { category: 'CONFLICT', echo: SECRET },
		});
		expect(errorItem(failure, 3, SECRET)).toEqual({
			json: {
				error: 'Upstream returned 409 Conflict',
				statusCode: 409,
				body: { token: '**hidden**' },
				details: { category: 'CONFLICT', echo: '**hidden**' },
			},
			pairedItem: { item: 3 },
		});
	});

	it('names the parameter of a ParameterError and carries nothing else', () => {
		expect(errorItem(new ParameterError('body', 'is not JSON'), 0, SECRET)).toEqual({
			json: { error: 'Parameter "body": is not JSON' },
			pairedItem: { item: 0 },
		});
	});
});
