import type { PaginationSettings } from '../../core/pagination/paginationSettings';
import type { RequestSpec } from '../../core/request/requestSpec';

/**
 * A poll reads every page, as records: a poll that left pages unread could not tell what it missed (`maxPages` 0
 * is no limit).
 */
export const EVERY_RECORD = { maxPages: 0, output: 'records' } as const;

export type PollEvent = 'newOrUpdated' | 'new';

/** One query: its first request, and how to page through it (undefined: a single request). */
export interface SourceQuery {
	spec: RequestSpec;
	pagination?: PaginationSettings;
	/** Where a single request's records are (pagination off); '' detects the one array. */
	recordsPath?: string;
}

/** A record's identity and the time the trigger orders and filters on (update time, or creation time for `new`). */
export interface RecordKey {
	id: string;
	time: number;
}

/** Where records come from: one per `source` value. Pure: builds requests and reads records, sends nothing. */
export interface PollSource {
	/** Names the source in messages: "HubSpot contacts". */
	label: string;
	/** Records arrive oldest first (ties in any order): a poll may stop after any record with a consistent watermark. */
	ordered: boolean;
	/** The most records one query can return (HubSpot search: 10,000); past it, a new query starts from the last time. */
	maxResultsPerQuery?: number;
	/** What the state's fingerprint covers besides the connection and event. */
	fingerprintParts: unknown[];
	/** Records whose time is at or after `since` (undefined: all), oldest first when `ordered`. */
	query(since: number | undefined): SourceQuery;
	/** A small query for the newest records (the editor's "Fetch Test Event"). */
	newest(count: number): SourceQuery;
	/** Throws an error naming the field when the record has no id or no readable time. */
	key(record: unknown, page: number): RecordKey;
}
