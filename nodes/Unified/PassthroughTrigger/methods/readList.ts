import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { resolveConnectionId, type ConnectionParameter } from '../../core/runtime/connection';
import { resolveItemOptions } from '../../core/runtime/options';
import { connectionCaller } from '../../core/caller/connectionCaller';
import { splitAndEncodePath } from '../../core/request/path';
import { createRuntime } from '../../core/runtime/createRuntime';
import { loadOptionsHost } from '../../core/runtime/host';
import type { TriggerOptions } from '../poll/pollSettings';

/**
 * One GET for an editor list (HubSpot objects, Slack channels...), through the node's own connection and
 * passthrough, with the node's options (domain, proxy, retry, timeout): the same way, and the same guards, as a
 * poll. Its JSON body; errors as n8n errors with the key redacted.
 */
export async function readList(
	context: ILoadOptionsFunctions,
	path: string,
	query: Array<[string, string]> = [],
): Promise<unknown> {
	const runtime = await createRuntime(loadOptionsHost(context));
	return await runtime.runOnce(async () => {
		const rawOptions = context.getNodeParameter('options', {}) as TriggerOptions;
		const options = resolveItemOptions({ ...rawOptions, responseFormat: 'json' });
		const connectionId = await resolveConnectionId(
			context.getNodeParameter('connection', '') as ConnectionParameter,
			String(rawOptions.connectionCategory ?? ''),
			runtime.resolveXref,
		);
		const domain = options.domain.trim();
		const spec = {
			method: 'GET' as const,
			path: splitAndEncodePath(path).path,
			query: [...query, ...(domain ? [['__domain', domain] as [string, string]] : [])],
			headers: {},
		};
		const response = await connectionCaller(runtime, connectionId, options).call(spec);
		return response.body;
	});
}
