import type { IBinaryData } from 'n8n-workflow';

import type { Runtime } from '../runtime/createRuntime';
import { getDispatcher } from '../transport/dispatcher';
import type { ExchangeContext } from './exchange';
import type { ItemOptions } from '../runtime/options';

/** How one connection's calls go out in this execution: the runtime's key, signal, flow controller and store. */
export function runtimeExchange(
	runtime: Runtime,
	connectionId: string,
	options: ItemOptions,
): Omit<ExchangeContext<IBinaryData>, 'retry' | 'reading'> {
	return {
		send: {
			baseUrl: runtime.baseUrl,
			apiKey: runtime.secret,
			connectionId,
			dispatcher: getDispatcher(options),
			signal: runtime.signal,
			headersTimeoutMs: options.headersTimeoutMs,
			bodyTimeoutMs: options.bodyTimeoutMs,
		},
		limiter: runtime.limiter,
		storeBinary: runtime.storeBinary,
		signal: runtime.signal,
	};
}
