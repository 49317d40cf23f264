/**
 * What one execution allows itself across all its connections: the user's fixed Concurrency (Auto: no cap of its
 * own, each connection's adaptive limit decides) and Request Interval. Shared by the execution's requests on
 * every connection, so a slot freed on one connection wakes the others.
 */
export class ExecutionBudget {
	inFlight = 0;

	private nextStartAt = 0;

	/** Connections this execution queued on: each gets a nudge when a slot frees. */
	readonly flows = new Set<{ nudge(): void }>();

	private readonly warned = new Set<string>();

	constructor(
		readonly ceiling: number,
		readonly intervalMs: number,
		private readonly warn: (message: string) => void = () => {},
	) {}

	/** When this execution may start its next request: `now`, a later time, or Infinity while at its ceiling. */
	readyAt(now: number): number {
		if (this.inFlight >= this.ceiling) return Infinity;
		return Math.max(now, this.nextStartAt);
	}

	onStart(now: number): void {
		this.inFlight++;
		this.nextStartAt = now + this.intervalMs;
	}

	onFinish(): void {
		this.inFlight--;
		for (const flow of this.flows) flow.nudge();
	}

	/** Logs a warning once per execution and key. */
	warnOnce(key: string, message: string): void {
		if (this.warned.has(key)) return;
		this.warned.add(key);
		this.warn(message);
	}
}
