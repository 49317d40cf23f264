/** Why an attempt was sent: a check (its interval or `trigger`), the backfill, or a control request. */
export type DeliveryOrigin = 'check' | 'backfill' | 'redeliver' | 'send';

/** One attempt to deliver to a webhook's hook_url (a retry is another attempt with the same nonce). */
export interface DeliveryAttempt {
	webhookId: string;
	/** The payload's nonce ('' when a body sent as is has none). */
	nonce: string;
	/** The payload's type: VIRTUAL, INITIAL-PARTIAL, INITIAL-COMPLETE ('' when a body sent as is has none). */
	type: string;
	recordIds: string[];
	/** 1 for the first send of a body, 2 for its first retry... */
	attempt: number;
	origin: DeliveryOrigin;
	/** The receiver's HTTP status, when it answered. */
	status?: number;
	/** Why there is no status: a network error, a timeout, a hook_url off this machine. */
	error?: string;
	/** ISO time the answer (or the error) came. */
	at: string;
}

export interface DeliveryWait {
	webhookId?: string;
	/** The index in the log to start from (default: the log's length now, i.e. the next attempt). */
	after?: number;
	/** Default 10 s; the wait then rejects, saying what it waited for. */
	timeoutMs?: number;
}

interface Waiter {
	matches(attempt: DeliveryAttempt, index: number): boolean;
	resolve(attempt: DeliveryAttempt): void;
	reject(error: Error): void;
	timer: NodeJS.Timeout;
}

/** Every delivery attempt in order, and promises for the next ones (tests wait on them instead of sleeping). */
export class DeliveryLog {
	private waiters = new Set<Waiter>();

	constructor(readonly attempts: DeliveryAttempt[]) {}

	add(attempt: DeliveryAttempt): void {
		const index = this.attempts.push(attempt) - 1;
		for (const waiter of this.waiters) {
			if (!waiter.matches(attempt, index)) continue;
			this.waiters.delete(waiter);
			clearTimeout(waiter.timer);
			waiter.resolve(attempt);
		}
	}

	/** The first attempt at index `after` or later (for `webhookId` if given), logged already or to come. */
	next(wait: DeliveryWait = {}): Promise<DeliveryAttempt> {
		const after = wait.after ?? this.attempts.length;
		const matches = (attempt: DeliveryAttempt, index: number) =>
			index >= after && (wait.webhookId === undefined || attempt.webhookId === wait.webhookId);
		const logged = this.attempts.find((attempt, index) => matches(attempt, index));
		if (logged) return Promise.resolve(logged);
		const timeoutMs = wait.timeoutMs ?? 10_000;
		return new Promise((resolve, reject) => {
			const waiter: Waiter = {
				matches,
				resolve,
				reject,
				timer: setTimeout(() => {
					this.waiters.delete(waiter);
					reject(
						new Error(
							`no delivery attempt${wait.webhookId ? ` to ${wait.webhookId}` : ''} from log index ${after} within ${timeoutMs} ms`,
						),
					);
				}, timeoutMs).unref(),
			};
			this.waiters.add(waiter);
		});
	}

	/** Forgets every attempt; pending waits reject (`why`). */
	clear(why: string): void {
		this.attempts.length = 0;
		for (const waiter of this.waiters) {
			clearTimeout(waiter.timer);
			waiter.reject(new Error(why));
		}
		this.waiters.clear();
	}
}
