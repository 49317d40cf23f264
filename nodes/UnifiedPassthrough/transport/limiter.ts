import { abortError, sleep } from '../shared/sleep';

/**
 * A true cap on requests in flight (unlike n8n's HTTP Request batching, which only delays starts), plus an
 * optional minimum spacing between request starts. Waiting tasks give up when the signal aborts.
 */
export class RequestLimiter {
	private active = 0;

	private readonly waiting: Array<{ start: () => void; fail: (error: unknown) => void }> = [];

	private nextStartAt = 0;

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
		const next = this.waiting.shift();
		if (next) next.start();
		else this.active--;
	}

	private async space(): Promise<void> {
		if (this.intervalMs <= 0) return;
		const now = Date.now();
		const startAt = Math.max(now, this.nextStartAt);
		this.nextStartAt = startAt + this.intervalMs;
		if (startAt > now) await sleep(startAt - now, this.signal);
	}
}
