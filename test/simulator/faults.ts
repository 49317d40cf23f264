import type { Reply } from './types';

/**
 * Fault injection, outside the normal paths: a test adds rules through `simulator.faults.add()`, or sends an
 * `x-sim-fault` header (which the node forwards like any custom header), and the simulator misbehaves on the
 * matching requests. Both go through `faultRule()`: the same keys, the same checks. Without rules the simulator
 * behaves like the real service.
 */
const KINDS = [
	'status', // answer `status` (default 503) with an upstream-shaped body
	'unified429', // Unified's own per-minute throttle
	'reset', // send headers and part of the body, then destroy the socket
	'slowHeaders', // wait `delayMs` before answering
	'slowBody', // send headers, then stall `delayMs` mid-body
	'badJson', // claim application/json, send something else
	'hugeHeaders', // answer 200 with a header of `headerBytes` bytes (default 32 KiB), over the client's limit
	'reply', // answer with `reply` as it is (a misbehaving server: a key echoed in some encoding, odd headers)
] as const;

export type FaultKind = (typeof KINDS)[number];

export interface FaultRule {
	/** Default: `status`. */
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
	/** For `reply`: the answer (a function when each request needs a fresh body stream). Not in the header. */
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

const NUMBER_KEYS = [
	'status',
	'retryAfter',
	'retryAfterDate',
	'retryAfterMs',
	'delayMs',
	'headerBytes',
	'times',
	'after',
] as const;
const STRING_KEYS = ['key', 'connectionId', 'pathPrefix', 'method'] as const;
const KNOWN_KEYS: readonly string[] = ['kind', 'reply', ...NUMBER_KEYS, ...STRING_KEYS];

/** A rule the simulator cannot apply; the header's answer is a 400 with this message. */
export class FaultRuleError extends Error {}

/**
 * Checks a rule and gives it its one shape: every key known, `kind` one of the kinds, numbers finite (a header's
 * text is read as a number), `method` in capitals.
 */
export function faultRule(fields: Record<string, unknown>): FaultRule {
	const unknown = Object.keys(fields).filter((name) => !KNOWN_KEYS.includes(name));
	if (unknown.length > 0) {
		throw new FaultRuleError(
			`unknown key ${unknown.map((name) => `"${name}"`).join(', ')} (known: ${KNOWN_KEYS.join(', ')})`,
		);
	}
	const kind = fields.kind ?? 'status';
	if (!KINDS.includes(kind as FaultKind))
		throw new FaultRuleError(`unknown kind "${String(kind)}" (known: ${KINDS.join(', ')})`);
	const rule: FaultRule = { kind: kind as FaultKind };
	for (const name of NUMBER_KEYS) {
		if (fields[name] === undefined) continue;
		const value =
			typeof fields[name] === 'string' && fields[name] !== '' ? Number(fields[name]) : fields[name];
		if (typeof value !== 'number' || !Number.isFinite(value))
			throw new FaultRuleError(`"${name}" must be a number, not "${String(fields[name])}"`);
		rule[name] = value;
	}
	for (const name of STRING_KEYS) {
		if (fields[name] === undefined) continue;
		if (typeof fields[name] !== 'string') throw new FaultRuleError(`"${name}" must be a string`);
		rule[name] = name === 'method' ? fields[name].toUpperCase() : fields[name];
	}
	if (fields.reply !== undefined) rule.reply = fields.reply as FaultRule['reply'];
	return rule;
}

/** Reads an `x-sim-fault` header, `kind=status;status=503;times=2`: the keys of `FaultRule` but `reply`. */
export function parseFaultHeader(value: string | undefined): FaultRule | undefined {
	if (!value?.trim()) return undefined;
	const fields: Record<string, string> = {};
	for (const part of value.split(';')) {
		if (!part.trim()) continue;
		const [name, ...rest] = part.split('=');
		fields[name.trim()] = rest.join('=').trim();
	}
	if ('reply' in fields) throw new FaultRuleError('"reply" can only be given through faults.add()');
	return faultRule(fields);
}

export interface FaultTarget {
	connectionId: string;
	method: string;
	path: string;
}

export class FaultInjector {
	private rules: FaultRule[] = [];

	private readonly counts = new Map<string, number>();

	/** Throws a FaultRuleError for a rule the simulator cannot apply, as the header gets a 400 for it. */
	add(rule: FaultRule): void {
		this.rules.push(faultRule({ ...rule }));
	}

	clear(): void {
		this.rules = [];
		this.counts.clear();
	}

	/**
	 * The fault to apply to this request, if any: the header's rule first, then the added ones. Counts the request
	 * against each matching rule's `after` and `times`.
	 */
	pick(target: FaultTarget, headerRule?: FaultRule): FaultRule | undefined {
		const candidates = headerRule ? [headerRule, ...this.rules] : this.rules;
		for (const rule of candidates.filter((candidate) => matches(candidate, target))) {
			const key = `${rule.key ?? `${target.connectionId} ${target.method} ${target.path}`}|${rule.kind}|${rule.status ?? ''}`;
			const seen = this.counts.get(key) ?? 0;
			this.counts.set(key, seen + 1);
			const skip = rule.after ?? 0;
			if (seen >= skip && (rule.times === undefined || seen - skip < rule.times)) return rule;
		}
		return undefined;
	}
}

function matches(rule: FaultRule, target: FaultTarget): boolean {
	return (
		(!rule.connectionId || rule.connectionId === target.connectionId) &&
		(!rule.method || rule.method === target.method) &&
		(!rule.pathPrefix || target.path.startsWith(rule.pathPrefix))
	);
}
