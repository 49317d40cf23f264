import { setMaxListeners } from 'node:events';

import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';

import { cachedXrefResolver, unifiedXrefLookup } from './connection';
import { OperationFailure } from '../errors/operationFailure';
import { toNodeError } from '../errors/toNodeError';
import { resolveFlowSettings } from './options';
import type { BinaryStore } from '../response/readResponse';
import { getConnection, type UnifiedConnection } from '../call/unifiedApi';
import { apiBaseUrl } from '../shared/baseUrl';
import { ExecutionFlow, type FlowSettings } from '../transport/flow/executionFlow';
import type { RuntimeHost } from './host';
import { runOnce, runUnits, type FailurePolicy, type UnitOutput, type WorkUnit } from './runUnits';

/** Everything one execution of any of the package's nodes shares: built once from the n8n context. */
export interface Runtime {
	baseUrl: string;
	/** The API key: sent only as the Authorization header, redacted from everything else. */
	secret: string;
	/** Aborts waits and requests: the execution's cancel, or the fail-fast stop after a failure. */
	signal: AbortSignal;
	/** The per-connection flow controllers every request of the execution goes through, under its own budget. */
	flow: ExecutionFlow;
	/** External xref → connection id, one lookup per xref and category per execution. */
	resolveXref(externalXref: string, category: string): Promise<string>;
	/** The connection as Unified.to describes it (`GET /unified/connection/{id}`), with the execution's key and proxy. */
	lookupConnection(connectionId: string): Promise<UnifiedConnection>;
	storeBinary: BinaryStore<IBinaryData>;
	policy: FailurePolicy;
	/** Runs the units, keeping input order and pairing; fails fast or gives error items per the policy. */
	run(
		units: WorkUnit[],
		work: (unit: WorkUnit) => Promise<UnitOutput>,
	): Promise<INodeExecutionData[]>;
	/** Runs work that covers no input item (a poll, an editor list); its failure fails the node, naming no item. */
	runOnce<T>(work: () => Promise<T>): Promise<T>;
}

export async function createRuntime(host: RuntimeHost): Promise<Runtime> {
	const credentials = await host.credentials();
	const secret = String(credentials.apiKey ?? '');
	let baseUrl: string;
	try {
		baseUrl = apiBaseUrl(credentials);
	} catch (error) {
		throw toNodeError(host.node, new OperationFailure((error as Error).message), undefined, secret);
	}
	const executionOptions = host.executionOptions();
	let settings: FlowSettings;
	try {
		settings = resolveFlowSettings(executionOptions);
	} catch (error) {
		throw toNodeError(host.node, error, 0, secret);
	}

	const stop = new AbortController();
	const cancel = host.cancelSignal;
	const signal = cancel ? AbortSignal.any([cancel, stop.signal]) : stop.signal;
	// Every request and wait in flight listens on it: without this, Node warns of a leak above 10.
	setMaxListeners(Infinity, signal);
	const policy: FailurePolicy = { continueOnFail: host.continueOnFail, toolMode: host.toolMode };

	return {
		baseUrl,
		secret,
		signal,
		flow: new ExecutionFlow({ baseUrl, apiKey: secret }, settings, host.warn),
		// The lookups share the execution's proxy and TLS settings, like Concurrency.
		resolveXref: cachedXrefResolver(unifiedXrefLookup(credentials, signal, executionOptions)),
		lookupConnection: async (connectionId) =>
			await getConnection(
				{ credentials, signal, dispatcherSettings: executionOptions },
				connectionId,
			),
		storeBinary: host.storeBinary,
		policy,
		run: async (units, work) =>
			await runUnits(units, work, { node: host.node, secret, policy, stop, cancel }),
		runOnce: async (work) => await runOnce(work, { node: host.node, secret }),
	};
}
