import type { RawOptions } from '../../core/runtime/options';
import {
	DEFAULT_LOOKBACK_MS,
	DEFAULT_MAX_RECORDS_PER_POLL,
	DEFAULT_MAX_RECORDS_READ_PER_POLL,
} from '../../core/shared/defaults';
import { ParameterError } from '../../core/errors';
import type { PollEvent } from '../sources/pollSource';
import type { FirstPoll, PollSettings } from './runPoll';
import { isDateTime, toEpochMs } from './time';

/** The trigger's `options` collection as saved. */
export type TriggerOptions = Pick<
	RawOptions,
	'timeout' | 'retry' | 'domain' | 'proxy' | 'allowUnauthorizedCerts'
> & {
	connectionCategory?: string;
	firstPoll?: FirstPoll;
	firstPollSince?: string;
	maxRecordsPerPoll?: number;
	maxRecordsReadPerPoll?: number;
	lookbackMs?: number;
};

const EVENTS: readonly PollEvent[] = ['newOrUpdated', 'new'];
const FIRST_POLLS: readonly FirstPoll[] = ['emitNothing', 'emitAll', 'emitSince'];

export function resolveEvent(value: unknown): PollEvent {
	if (!EVENTS.includes(value as PollEvent))
		throw new ParameterError('event', `Event must be one of ${EVENTS.join(', ')}`);
	return value as PollEvent;
}

/**
 * The event a source reads. Slack offers only New (history is read by `ts`, which an edit keeps); a Slack
 * trigger saved with "New or Updated" always read exactly the messages New reads, so it runs as New.
 */
export function sourceEvent(source: string, event: PollEvent): PollEvent {
	return source === 'slack' ? 'new' : event;
}

/**
 * The event in the poll state's fingerprint. Slack's stays "newOrUpdated", the default it had before only New
 * was offered, so the Slack triggers saved then keep their state (and read no message twice or miss one).
 */
export function fingerprintEvent(source: string, event: PollEvent): PollEvent {
	return source === 'slack' ? 'newOrUpdated' : event;
}

function wholeNumber(value: unknown, fallback: number, min: number, parameter: string): number {
	if (value === undefined || value === '' || value === null) return fallback;
	const number = Number(value);
	if (!Number.isInteger(number) || number < min)
		throw new ParameterError(parameter, `Must be a whole number of at least ${min}`);
	return number;
}

export function resolvePollSettings(event: PollEvent, options: TriggerOptions): PollSettings {
	const firstPoll = options.firstPoll ?? 'emitNothing';
	if (!FIRST_POLLS.includes(firstPoll))
		throw new ParameterError(
			'options.firstPoll',
			`First Poll must be one of ${FIRST_POLLS.join(', ')}`,
		);
	let firstPollSince: number | undefined;
	if (firstPoll === 'emitSince') {
		firstPollSince = toEpochMs(options.firstPollSince);
		if (firstPollSince !== undefined && !isDateTime(firstPollSince)) {
			throw new ParameterError(
				'options.firstPollSince',
				`First Poll Since "${String(options.firstPollSince).slice(0, 40)}" is not a date`,
			);
		}
		if (firstPollSince === undefined) {
			throw new ParameterError(
				'options.firstPollSince',
				'First Poll "Emit Since a Date" needs the date in "First Poll Since"',
			);
		}
	}
	return {
		event,
		firstPoll,
		firstPollSince,
		maxRecordsPerPoll: wholeNumber(
			options.maxRecordsPerPoll,
			DEFAULT_MAX_RECORDS_PER_POLL,
			1,
			'options.maxRecordsPerPoll',
		),
		maxRecordsReadPerPoll: wholeNumber(
			options.maxRecordsReadPerPoll,
			DEFAULT_MAX_RECORDS_READ_PER_POLL,
			1,
			'options.maxRecordsReadPerPoll',
		),
		lookbackMs: wholeNumber(options.lookbackMs, DEFAULT_LOOKBACK_MS, 0, 'options.lookbackMs'),
	};
}

/** Stop fetching this long before n8n 2.x's poll budget ends: time to emit, and for requests in flight. */
export function pollDeadline(startedAt: number, budgetMs: number | undefined): number | undefined {
	if (budgetMs === undefined || !Number.isFinite(budgetMs) || budgetMs <= 0) return undefined;
	return startedAt + budgetMs - Math.min(budgetMs / 5, 60_000);
}
