/** How a time is written for an API that filters on it (custom source's Since Format). */
export type SinceFormat = 'iso' | 'unixSeconds' | 'unixMs';

// Below this a number is read as seconds (1e11 s is the year 5138; 1e11 ms is 1973).
const SECONDS_BELOW = 1e11;
const NUMERIC = /^\d+(\.\d+)?$/;

/** A record's time as epoch milliseconds: ISO text, epoch seconds or milliseconds (number or digits); else undefined. */
export function toEpochMs(value: unknown): number | undefined {
	let number: number;
	if (typeof value === 'number') number = value;
	else if (typeof value === 'string' && NUMERIC.test(value.trim())) number = Number(value.trim());
	else if (typeof value === 'string' && value.trim()) {
		const parsed = Date.parse(value);
		if (!Number.isNaN(parsed)) return parsed;
		// Salesforce writes offsets without a colon (+0000), which not every Date parser accepts.
		const retried = Date.parse(value.trim().replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
		return Number.isNaN(retried) ? undefined : retried;
	} else return undefined;
	if (!Number.isFinite(number)) return undefined;
	return number < SECONDS_BELOW ? number * 1000 : number;
}

/** The watermark as the API's since parameter expects it; never later than `ms`, so nothing at `ms` is left out. */
export function formatSince(ms: number, format: SinceFormat): string {
	if (format === 'unixSeconds') return String(Math.floor(ms / 1000));
	if (format === 'unixMs') return String(Math.floor(ms));
	return new Date(Math.floor(ms)).toISOString();
}

export function isoTime(ms: number): string {
	return new Date(Math.floor(ms)).toISOString();
}

/** The dates a JavaScript Date can hold: ±8.64e15 ms (years -271821 to 275760). */
const DATE_RANGE_MS = 8.64e15;
/**
 * The earliest time a query asks from: the watermark of a record dated at the earliest Date, minus the lookback
 * and a source's own margin, would be no date at all ("Invalid time value" on every poll).
 */
export const EARLIEST_SINCE_MS = -DATE_RANGE_MS + 86_400_000;
/** How far after a poll began a record may be dated and still be read (servers' clocks differ a little). */
export const MAX_AHEAD_MS = 5 * 60_000;

/** Whether a Date can hold the time. */
export function isDateTime(ms: number): boolean {
	return Math.abs(ms) <= DATE_RANGE_MS;
}

/**
 * Why a record's time cannot be used, or undefined when it can. A time outside the Date range or far ahead
 * would become the watermark, and every later poll would read from there (or fail on "Invalid time value").
 */
export function unusableTime(ms: number, startedAt: number): string | undefined {
	if (!isDateTime(ms)) return `${ms} ms, not a date`;
	if (ms > startedAt + MAX_AHEAD_MS)
		return `${isoTime(ms)}, more than ${MAX_AHEAD_MS / 60_000} minutes after the poll began`;
	return undefined;
}
