import { ExecutionBudget } from './executionBudget';
import type { ConnectionFlow } from './connectionFlow';
import { connectionFlow, credentialScope } from './registry';

export interface FlowSettings {
	/** 0: Auto (each connection's adaptive limit alone); a positive number: this execution's fixed ceiling. */
	concurrency: number;
	requestIntervalMs: number;
}

/** One execution's access to the process's per-connection flow control, under its own budget. */
/** The credential a controller serves: its base URL and key (only a digest of both is kept). */
export interface FlowCredential {
	baseUrl: string;
	apiKey: string;
}

export class ExecutionFlow {
	readonly budget: ExecutionBudget;

	private readonly scope: string;

	constructor(
		credential: FlowCredential,
		settings: FlowSettings,
		warn?: (message: string) => void,
	) {
		this.scope = credentialScope(credential.baseUrl, credential.apiKey);
		this.budget = new ExecutionBudget(
			settings.concurrency > 0 ? settings.concurrency : Infinity,
			settings.requestIntervalMs,
			warn,
		);
	}

	connection(connectionId: string): ConnectionFlow {
		return connectionFlow(this.scope, connectionId);
	}
}
