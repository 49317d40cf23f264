import type { Reply } from './types';

/**
 * Fault injection, outside the normal paths: a test adds rules through `simulator.faults` (or sends an
 * `x-sim-fault` header, which the node forwards like any custom header) and the simulator misbehaves on the
 * matching requests. Without rules the simulator behaves like the real service.
 */
export type FaultKind =
	| 'status' // answer `status` (default 503) with an upstream-shaped body
	| 'unified429' // Unified's own per-minute throttle
	| 'reset' // send headers and part of the body, then destroy the socket
	| 'slowHeaders' // wait `delayMs` before answering
	| 'slowBody' // send headers, then stall `delayMs` mid-body
	| 'badJson' // claim application/json, send something else
	| 'hugeHeaders' // answer 200 with a header of `headerBytes` bytes (default 32 KiB), over the client's limit
	| 'reply'; // answer with `reply` as it is (a misbehaving server: a key echoed in some encoding, odd headers)

export interface FaultRule {
	kind: FaultKind;
	status?: number;
	/** Retry-After in seconds. */
	retryAfter?: number;
	/** Retry-After as an HTTP-date this many seconds from now. */
	retryAfterDate?: number;
	retryAfterMs?: number;
	delayMs?: number;
	/** Size of the padding header of `hugeHeaders`. */
	headerBytes?: number;
	/** For `reply`: the answer (a function when each request needs a fresh body stream). */
	reply?: Reply | (() => Reply);
	/** Applies to the first `times` matching requests (per key); unlimited when absent. */
	times?: number;
	/** Lets this many matching requests through first (e.g. a 429 on page 3 of a pagination). */
	after?: number;
	/** Requests are counted per key; default: connection + method + path. */
	key?: string;
	connectionId?: string;
	pathPrefix?: string;
	method?: string;
}

export interface FaultTarget {
	connectionId: string;
	method: string;
	path: string;
}

function parseHeader(value: string): FaultRule | undefined {
	const fields = Object.fromEntries(
		value
			.split(';')
			.map((part) => part.trim().split('='))
			.filter((pair) => pair[0])
			.map(([name, ...rest]) => [name.trim(), rest.join('=').trim()]),
	);
	const kind = (fields.kind ?? 'status') as FaultKind;
	const number = (name: string) => (fields[name] === undefined ? undefined : Number(fields[name]));
	return {
		kind,
		status: number('status'),
		retryAfter: number('retryAfter'),
		retryAfterDate: number('retryAfterDate'),
		retryAfterMs: number('retryAfterMs'),
		delayMs: number('delayMs'),
		headerBytes: number('headerBytes'),
		times: number('times'),
		key: fields.key,
	};
}

export class FaultInjector {
	private rules: FaultRule[] = [];

	private readonly counts = new Map<string, number>();

	add(rule: FaultRule): void {
		this.rules.push(rule);
	}

	clear(): void {
		this.rules = [];
		this.counts.clear();
	}

	/** The fault to apply to this request, if any; counts the request against the rule's `times`. */
	pick(target: FaultTarget, header: string | undefined): FaultRule | undefined {
		const candidates = header ? [parseHeader(header)].filter((rule): rule is FaultRule => !!rule) : [];
		candidates.push(
			...this.rules.filter(
				(rule) =>
					(!rule.connectionId || rule.connectionId === target.connectionId) &&
					(!rule.method || rule.method === target.method) &&
					(!rule.pathPrefix || target.path.startsWith(rule.pathPrefix)),
			),
		);
		for (const rule of candidates) {
			const key = `${rule.key ?? `${target.connectionId} ${target.method} ${target.path}`}|${rule.kind}|${rule.status ?? ''}`;
			const seen = this.counts.get(key) ?? 0;
			this.counts.set(key, seen + 1);
			const skip = rule.after ?? 0;
			if (seen >= skip && (rule.times === undefined || seen - skip < rule.times)) return rule;
		}
		return undefined;
	}
}

export function retryAfterHeaders(rule: FaultRule): Record<string, string> {
	const headers: Record<string, string> = {};
	if (rule.retryAfter !== undefined) headers['retry-after'] = String(rule.retryAfter);
	if (rule.retryAfterDate !== undefined) {
		headers['retry-after'] = new Date(Date.now() + rule.retryAfterDate * 1000).toUTCString();
	}
	if (rule.retryAfterMs !== undefined) headers['retry-after-ms'] = String(rule.retryAfterMs);
	return headers;
}
