import { describe, expect, it } from 'vitest';

import {
	createConnectionCaller,
	type SendCall,
} from '../../../../nodes/Unified/core/caller/connectionCaller';
import type {
	CallChannel,
	CallContext,
	CallResult,
} from '../../../../nodes/Unified/core/caller/passthroughCall';
import type { RequestSpec } from '../../../../nodes/Unified/core/request/requestSpec';
import {
	resolveItemOptions,
	type RawOptions,
} from '../../../../nodes/Unified/core/runtime/options';
import { PassthroughFailure } from '../../../../nodes/Unified/core/errors/passthroughFailure';
import type { ExecutionFlow } from '../../../../nodes/Unified/core/transport/flow/executionFlow';

const SECRET = 'key-0123456789abcdef';
const get: RequestSpec = { method: 'GET', path: 'crm/v3/objects/contacts', query: [], headers: {} };
const post: RequestSpec = { ...get, method: 'POST' };

type Answer = Partial<CallResult<string>> & { statusCode: number };

/** A way of sending a call that records each context it was given and answers from a script (or throws an error in it). */
function fakeSendCall(answer: Answer | Error): SendCall<string> & {
	calls: Array<{ spec: RequestSpec; context: CallContext<string> }>;
} {
	const send = async (spec: RequestSpec, context: CallContext<string>) => {
		send.calls.push({ spec, context });
		if (answer instanceof Error) throw answer;
		return { headers: {}, kind: 'json' as const, attempts: 1, waitedMs: 0, ...answer };
	};
	send.calls = [] as Array<{ spec: RequestSpec; context: CallContext<string> }>;
	return send;
}

const channel: CallChannel<string> = {
	send: {
		baseUrl: 'http://127.0.0.1:1',
		apiKey: SECRET,
		connectionId: 'conn-1',
		dispatcher: {} as never,
		headersTimeoutMs: 1000,
		bodyTimeoutMs: 1000,
	},
	// Only passed along: the fake never reaches a flow controller.
	flow: {} as ExecutionFlow,
	storeBinary: async () => 'stored',
};

function callerFor(answer: Answer | Error, raw: RawOptions = {}) {
	const send = fakeSendCall(answer);
	const options = resolveItemOptions(raw);
	const caller = createConnectionCaller(
		{ connectionId: 'conn-1', channel, options, secret: SECRET },
		send,
	);
	return { caller, send, options };
}

describe('createConnectionCaller: one call assembled from the connection and its options', () => {
	it("sends the connection's channel, the options' retry settings and a reading built from the options", async () => {
		const { caller, send, options } = callerFor(
			{ statusCode: 200, body: { id: 1 } },
			{
				responseFormat: 'text',
				maxResponseSize: 3,
			},
		);
		const response = await caller.call(get);
		expect(response.body).toEqual({ id: 1 });
		expect(send.calls).toHaveLength(1);
		const [{ spec, context }] = send.calls;
		expect(spec).toBe(get);
		expect(context.send).toBe(channel.send);
		expect(context.flow).toBe(channel.flow);
		expect(context.storeBinary).toBe(channel.storeBinary);
		expect(context.retry).toBe(options.retry);
		expect(context.reading).toEqual({
			secret: SECRET,
			format: options.responseFormat,
			neverError: false,
			maxBodyBytes: options.maxBodyBytes,
			maxCompressionRatio: options.maxCompressionRatio,
			fingerprint: false,
		});
		expect(caller.connectionId).toBe('conn-1');
	});

	it('reads in the format the call asks for, and hashes the body when asked', async () => {
		const { caller, send } = callerFor({ statusCode: 200 }, { responseFormat: 'file' });
		await caller.call(get, { format: 'json', fingerprint: true });
		expect(send.calls[0].context.reading).toMatchObject({ format: 'json', fingerprint: true });
	});

	it('retries a repeatable POST like a GET, without changing the options it was built with', async () => {
		const { caller, send, options } = callerFor({ statusCode: 200 });
		expect(options.retry.retryNonIdempotent).toBe(false);
		await caller.call(post, { repeatable: true });
		await caller.call(post, { repeatable: false });
		expect(send.calls[0].context.retry).toEqual({ ...options.retry, retryNonIdempotent: true });
		expect(send.calls[1].context.retry).toBe(options.retry);
		expect(options.retry.retryNonIdempotent).toBe(false);
	});
});

describe("createConnectionCaller: 'usable' answers (the default)", () => {
	it('fails an error status with the upstream message and the attempts it took', async () => {
		const { caller } = callerFor({
			statusCode: 503,
			body: { message: 'down for maintenance' },
			attempts: 3,
			waitedMs: 4000,
		});
		const error = await caller.call(get).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(PassthroughFailure);
		const failure = error as PassthroughFailure;
		expect(failure.details.statusCode).toBe(503);
		expect(failure.message).toMatch(/: down for maintenance \(3 attempts, waited 4\ss in all\)$/);
		expect(failure.message).not.toContain(SECRET);
	});

	it('returns a 304 (the answer to a conditional request the user sent)', async () => {
		const { caller } = callerFor({ statusCode: 304, kind: 'empty' });
		await expect(caller.call(get)).resolves.toMatchObject({ statusCode: 304 });
	});

	it('fails a 2xx whose body reports an error, unless "Fail On Body Error" is off', async () => {
		const slackError = { statusCode: 200, body: { ok: false, error: 'channel_not_found' } };
		await expect(callerFor(slackError).caller.call(get)).rejects.toThrow(
			'Slack returned ok: false: channel_not_found',
		);
		await expect(
			callerFor(slackError, { failOnBodyError: false }).caller.call(get),
		).resolves.toMatchObject({ body: slackError.body });
	});

	it('returns error statuses with "Never Error", and reads a non-JSON 2xx body as text then', async () => {
		const { caller, send } = callerFor({ statusCode: 500, body: 'boom' }, { neverError: true });
		await expect(caller.call(get)).resolves.toMatchObject({ statusCode: 500, body: 'boom' });
		expect(send.calls[0].context.reading.neverError).toBe(true);
	});

	it('gives the refusal as a value from outcome(), the same failure call() throws', async () => {
		const { caller } = callerFor({ statusCode: 404, body: { message: 'no such object' } });
		const answer = await caller.outcome(get);
		expect('failure' in answer && answer.failure.details.statusCode).toBe(404);
		await expect(caller.call(get)).rejects.toThrow(
			'failure' in answer ? answer.failure.message : 'unreachable',
		);
	});
});

describe("createConnectionCaller: 'success' and 'any' answers", () => {
	it('\'success\' refuses every status outside 2xx, 304 and "Never Error" included', async () => {
		for (const statusCode of [304, 400, 409, 500]) {
			const { caller, send } = callerFor({ statusCode, body: {} }, { neverError: true });
			const answer = await caller.outcome(post, { accept: 'success' });
			expect('failure' in answer && answer.failure.details.statusCode).toBe(statusCode);
			expect(send.calls[0].context.reading.neverError).toBe(false);
		}
	});

	it("'success' returns a 2xx whatever its body says (the records tell what failed)", async () => {
		const body = { ok: false, error: 'partial' };
		const { caller } = callerFor({ statusCode: 200, body });
		await expect(caller.call(post, { accept: 'success' })).resolves.toMatchObject({ body });
	});

	it("'any' returns every answer, for a caller that reads the status itself", async () => {
		const { caller } = callerFor({ statusCode: 500, body: { message: 'boom' } });
		await expect(caller.call(get, { accept: 'any' })).resolves.toMatchObject({ statusCode: 500 });
	});

	it('throws what sending the call throws (a network failure), from outcome() too', async () => {
		const network = new PassthroughFailure('The connection was reset', { code: 'ECONNRESET' });
		const { caller } = callerFor(network);
		await expect(caller.outcome(get, { accept: 'success' })).rejects.toBe(network);
	});
});
