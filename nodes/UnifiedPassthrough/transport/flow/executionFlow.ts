import { ExecutionBudget } from './executionBudget';
import type { ConnectionFlow } from './connectionFlow';
import { connectionFlow } from './registry';

export interface FlowSettings {
	/** 0: Auto (each connection's adaptive limit alone); a positive number: this execution's fixed ceiling. */
	concurrency: number;
	requestIntervalMs: number;
}

/** One execution's access to the process's per-connection flow control, under its own budget. */
export class ExecutionFlow {
	readonly budget: ExecutionBudget;

	constructor(
		private readonly baseUrl: string,
		settings: FlowSettings,
		warn?: (message: string) => void,
	) {
		this.budget = new ExecutionBudget(
			settings.concurrency > 0 ? settings.concurrency : Infinity,
			settings.requestIntervalMs,
			warn,
		);
	}

	connection(connectionId: string): ConnectionFlow {
		return connectionFlow(this.baseUrl, connectionId);
	}
}
