import { abortError } from '../../shared/sleep';
import { requestedWaitMs } from '../retryPolicy';
import { AdaptiveLimit } from './adaptiveLimit';
import type { ExecutionBudget } from './executionBudget';
import { Pacer } from './pacer';
import { pausedTooLong } from '../../errors/pausedTooLong';
import { quotaWarnings, readPace } from './paceHeaders';
import { WaitQueue, type Waiter } from './waitQueue';

type Headers = Record<string, string | string[] | undefined>;

/** What one attempt met, for the controller to learn from. */
export interface AttemptReport {
	statusCode: number;
	headers: Headers;
	/** Time to the response headers (a body's length says nothing about the API's load). */
	latencyMs: number;
	/** The call's "Max Wait": no pause it causes is longer. */
	maxWaitMs: number;
}

export interface FlowPermit {
	/** Frees the slot; without a report (a network failure) nothing is learned. */
	release(report?: AttemptReport): void;
}

/** What the registry hears: when a connection goes idle (nothing in flight or waiting) and busy again. */
export interface IdleListener {
	onIdle(): void;
	onBusy(): void;
}

interface QueuedRequest extends Waiter {
	/** The call's "Max Wait": it is refused, not held, while a pause is longer. */
	maxWaitMs: number;
	start(permit: FlowPermit): void;
	fail(error: unknown): void;
}

/**
 * One connection's flow control, shared by every execution that calls it in this process: an adaptive limit on
 * requests in flight, one pause and pace for all of them, and a queue that starts waiting requests in call order
 * (each execution's own Concurrency and Request Interval still apply to its requests).
 */
export class ConnectionFlow {
	readonly limit: AdaptiveLimit;

	private readonly pacer = new Pacer();

	private inFlight = 0;

	/** When the API last processed a call of this connection (any answer but 429 or 503). */
	lastProgressAt = -Infinity;

	private readonly lanes = new Map<ExecutionBudget, WaitQueue<QueuedRequest>>();

	/** The requests waiting on each abort signal (one per execution). */
	private readonly watched = new Map<
		AbortSignal,
		{ waiting: Set<QueuedRequest>; onAbort: () => void }
	>();

	private timer?: NodeJS.Timeout;

	private timerAt = Infinity;

	private pumpQueued = false;

	private lastActiveAt = Date.now();

	private busy = false;

	/** The latest pause end every waiting call was checked against. */
	private checkedPauseUntil = 0;

	constructor(
		limit: AdaptiveLimit = new AdaptiveLimit(),
		private readonly listener?: IdleListener,
	) {
		this.limit = limit;
	}

	/** Nothing in flight or waiting: the registry may forget it. */
	get idle(): boolean {
		return this.inFlight === 0 && this.lanes.size === 0;
	}

	/** How long it has been idle; 0 while busy. */
	idleSince(now: number): number {
		return this.idle ? now - this.lastActiveAt : 0;
	}

	/**
	 * Waits for a slot. `maxWaitMs` is the call's "Max Wait": while the connection is paused for longer than that
	 * (beyond the least pause after a 429), the call fails naming it instead of waiting.
	 */
	async acquire(
		budget: ExecutionBudget,
		seq: number,
		signal?: AbortSignal,
		maxWaitMs = Infinity,
	): Promise<FlowPermit> {
		if (signal?.aborted) throw abortError(signal);
		const pauseMs = this.pacer.pausedUntil() - Date.now();
		if (this.holdsLonger(pauseMs, maxWaitMs)) throw pausedTooLong(pauseMs, maxWaitMs);
		return await new Promise<FlowPermit>((resolve, reject) => {
			const request: QueuedRequest = {
				seq,
				maxWaitMs,
				done: false,
				start: (permit) => {
					if (signal) this.unwatch(signal, request);
					resolve(permit);
				},
				fail: (error) => {
					if (signal) this.unwatch(signal, request);
					reject(error);
				},
			};
			if (signal) this.watch(signal, request);
			let lane = this.lanes.get(budget);
			if (!lane) this.lanes.set(budget, (lane = new WaitQueue()));
			lane.push(request);
			budget.flows.add(this);
			if (!this.busy) {
				this.busy = true;
				this.listener?.onBusy();
			}
			this.pump();
		});
	}

	private holdsLonger(pauseMs: number, maxWaitMs: number): boolean {
		return pauseMs > maxWaitMs && pauseMs > this.pacer.floorMs();
	}

	/** After a pause grew: the waiting calls that do not accept it fail now, each naming its own Max Wait. */
	private refuseOverlongWaits(now: number): void {
		const pausedUntil = this.pacer.pausedUntil();
		if (pausedUntil <= this.checkedPauseUntil) return;
		this.checkedPauseUntil = pausedUntil;
		const pauseMs = pausedUntil - now;
		for (const lane of this.lanes.values()) {
			for (const request of lane.waiting()) {
				if (request.done || !this.holdsLonger(pauseMs, request.maxWaitMs)) continue;
				request.done = true;
				request.fail(pausedTooLong(pauseMs, request.maxWaitMs));
			}
		}
	}

	/** Tells the registry once nothing is in flight or waiting. */
	private settle(): void {
		if (!this.busy || !this.idle) return;
		this.busy = false;
		this.lastActiveAt = Date.now();
		this.listener?.onIdle();
	}

	/**
	 * One abort listener per signal for all the requests waiting on it, not one each: an AbortSignal's
	 * addEventListener walks its listeners, so thousands of queued items each adding their own would cost the
	 * square of their number.
	 */
	private watch(signal: AbortSignal, request: QueuedRequest): void {
		let watch = this.watched.get(signal);
		if (!watch) {
			const waiting = new Set<QueuedRequest>();
			const onAbort = () => {
				this.watched.delete(signal);
				for (const entry of waiting) {
					entry.done = true;
					entry.fail(abortError(signal));
				}
				// The pump drops the given-up entries, and with them the lane that holds the execution.
				this.nudge();
			};
			watch = { waiting, onAbort };
			this.watched.set(signal, watch);
			signal.addEventListener('abort', onAbort, { once: true });
		}
		watch.waiting.add(request);
	}

	/** Once nothing waits on the signal, its listener goes: the flow outlives executions, it must not hold them. */
	private unwatch(signal: AbortSignal, request: QueuedRequest): void {
		const watch = this.watched.get(signal);
		if (!watch) return;
		watch.waiting.delete(request);
		if (watch.waiting.size > 0) return;
		signal.removeEventListener('abort', watch.onAbort);
		this.watched.delete(signal);
	}

	/** Starts what may start, on a later turn of the event loop. */
	nudge(): void {
		if (this.pumpQueued) return;
		this.pumpQueued = true;
		// A later macrotask, not a microtask: a failure just read reaches the node's fail-fast abort (a chain of
		// microtasks) before the freed slot lets the next request start.
		setImmediate(() => {
			this.pumpQueued = false;
			this.pump();
		});
	}

	private pump(): void {
		this.startWhatMay();
		this.settle();
	}

	private startWhatMay(): void {
		this.dropGivenUp();
		for (;;) {
			if (this.inFlight >= this.limit.current) return;
			const now = Date.now();
			const paceAt = this.pacer.nextStartAt();
			if (paceAt > now) return this.wakeAt(paceAt, now);
			let next: { budget: ExecutionBudget; lane: WaitQueue<QueuedRequest> } | undefined;
			let nextSeq = Infinity;
			let soonest = Infinity;
			for (const [budget, lane] of this.lanes) {
				const head = lane.peek();
				if (!head) {
					this.lanes.delete(budget);
					budget.flows.delete(this);
					continue;
				}
				const readyAt = budget.readyAt(now);
				if (readyAt > now) soonest = Math.min(soonest, readyAt);
				else if (head.seq < nextSeq) {
					next = { budget, lane };
					nextSeq = head.seq;
				}
			}
			if (!next) {
				if (soonest < Infinity) this.wakeAt(soonest, now);
				return;
			}
			this.start(next.lane.pop()!, next.budget, now);
		}
	}

	/** Forgets the lanes whose requests all gave up (a cancel), and the wake-up no one waits for any more. */
	private dropGivenUp(): void {
		for (const [budget, lane] of this.lanes) {
			if (lane.peek()) continue;
			this.lanes.delete(budget);
			budget.flows.delete(this);
		}
		if (this.lanes.size === 0 && this.timer) {
			clearTimeout(this.timer);
			this.timer = undefined;
			this.timerAt = Infinity;
		}
	}

	private start(request: QueuedRequest, budget: ExecutionBudget, now: number): void {
		request.done = true;
		const saturated = this.inFlight + 1 >= this.limit.current;
		this.inFlight++;
		budget.onStart(now);
		this.pacer.onStart(now);
		let released = false;
		request.start({
			release: (report) => {
				if (released) return;
				released = true;
				this.inFlight--;
				this.lastActiveAt = Date.now();
				if (report) {
					this.learn(report, saturated, budget, now);
					this.refuseOverlongWaits(Date.now());
				}
				this.nudge();
				budget.onFinish();
				this.settle();
			},
		});
	}

	private learn(
		report: AttemptReport,
		saturated: boolean,
		budget: ExecutionBudget,
		sentAt: number,
	): void {
		const now = Date.now();
		const { statusCode, headers, maxWaitMs } = report;
		const pace = readPace(headers, now);
		if (statusCode === 429) {
			this.limit.onOverload(now);
			this.pacer.onRateLimited(now, {
				askedMs: requestedWaitMs(headers, now),
				pace,
				maxWaitMs,
				sentAt,
			});
			return;
		}
		if (statusCode === 503) {
			this.limit.onOverload(now);
			this.pacer.onAnswered(now);
			const askedMs = requestedWaitMs(headers, now);
			if (askedMs !== undefined && askedMs <= maxWaitMs) this.pacer.pauseFor(now, askedMs);
			return;
		}
		this.lastProgressAt = now;
		this.limit.onSuccess(report.latencyMs, saturated, now);
		this.pacer.onSuccess(now, pace, this.inFlight, maxWaitMs);
		for (const warning of quotaWarnings(headers)) budget.warnOnce(warning.key, warning.message);
	}

	private wakeAt(at: number, now: number): void {
		if (this.timer && this.timerAt <= at) return;
		if (this.timer) clearTimeout(this.timer);
		this.timerAt = at;
		this.timer = setTimeout(
			() => {
				this.timer = undefined;
				this.timerAt = Infinity;
				this.pump();
			},
			Math.max(0, at - now),
		);
	}
}
