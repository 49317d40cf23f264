import { abortError, sleep } from '../shared/sleep';

/**
 * A true cap on requests in flight (unlike n8n's HTTP Request batching, which only delays starts), plus an
 * optional minimum spacing between request starts. Waiting tasks give up when the signal aborts.
 */
export class RequestLimiter {
	private active = 0;

	private readonly waiting: Array<{ start: () => void; fail: (error: unknown) => void }> = [];

	/** Settles when the previous start has happened; starts queue on it so each is spaced from the real one before. */
	private spacing: Promise<void> = Promise.resolve();

	private lastStartAt = -Infinity;

	constructor(
		private readonly concurrency: number,
		private readonly intervalMs: number,
		private readonly signal?: AbortSignal,
	) {
		signal?.addEventListener(
			'abort',
			() => {
				for (const waiter of this.waiting.splice(0)) waiter.fail(abortError(signal));
			},
			{ once: true },
		);
	}

	async run<T>(task: () => Promise<T>): Promise<T> {
		await this.acquire();
		try {
			await this.space();
			if (this.signal?.aborted) throw abortError(this.signal);
			return await task();
		} finally {
			this.release();
		}
	}

	private async acquire(): Promise<void> {
		if (this.signal?.aborted) throw abortError(this.signal);
		if (this.active < this.concurrency) {
			this.active++;
			return;
		}
		await new Promise<void>((resolve, reject) => {
			this.waiting.push({ start: resolve, fail: reject });
		});
	}

	private release(): void {
		if (this.waiting.length === 0) {
			this.active--;
			return;
		}
		// The slot passes on in a later macrotask: a failure just read on this slot reaches the node's fail-fast
		// abort (a chain of microtasks) before the next request may start.
		setImmediate(() => {
			const next = this.waiting.shift();
			if (next) next.start();
			else this.active--;
		});
	}

	private async space(): Promise<void> {
		if (this.intervalMs <= 0) return;
		const previous = this.spacing;
		let done!: () => void;
		this.spacing = new Promise((resolve) => (done = resolve));
		try {
			await previous;
			const waitMs = this.lastStartAt + this.intervalMs - Date.now();
			if (waitMs > 0) await sleep(waitMs, this.signal);
			this.lastStartAt = Date.now();
		} finally {
			done();
		}
	}
}
