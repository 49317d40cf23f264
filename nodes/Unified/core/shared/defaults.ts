/**
 * Every default the node's description shows and the runtime applies when an option is absent, defined once:
 * the editor and an execution can never disagree on them (test/engine/defaults.test.ts compares the two).
 * Plain constants, not an object: n8n's lint rules read a description's `default` only as a literal or a name.
 */
export const DEFAULT_TIMEOUT_MS = 300_000;
export const DEFAULT_MAX_RETRIES = 3;
/** As the Retry "Status Codes" field shows it; the runtime parses this same text. */
export const DEFAULT_RETRY_ON = '429,502,503,504';
export const DEFAULT_MAX_WAIT_MS = 60_000;
/** The description writes it as a literal `false` (a lint rule wants one there); the defaults test checks both. */
export const DEFAULT_RETRY_NON_IDEMPOTENT = false;
/** 0 is Auto: each connection's flow controller finds the pace the API accepts. */
export const DEFAULT_CONCURRENCY = 0;
/** How long a connection may answer nothing but 429 before its rate-limited calls fail. */
export const DEFAULT_RATE_LIMIT_STALL_MS = 300_000;
export const DEFAULT_REQUEST_INTERVAL_MS = 0;
export const DEFAULT_MAX_PAGES = 100;
export const DEFAULT_PAGE_SIZE = 100;
export const DEFAULT_FIRST_OFFSET = 0;
export const DEFAULT_FIRST_PAGE = 1;
/** Records an AI agent receives per call (Optimize Response for AI). */
export const DEFAULT_TOOL_MAX_RECORDS = 50;
/** MB of 1,048,576 bytes. */
export const DEFAULT_MAX_RESPONSE_SIZE_MB = 128;
export const DEFAULT_MAX_COMPRESSION_RATIO = 100;
/** Batching's Batch Size: 0 means the mode's maximum (100 for HubSpot, 200 for Salesforce). */
export const DEFAULT_BATCH_SIZE = 0;
/** Polling trigger: records one poll emits at most; the rest comes on the next poll. */
export const DEFAULT_MAX_RECORDS_PER_POLL = 10_000;
/** Polling trigger: how far before the watermark each query starts (catches records a search index shows late). */
export const DEFAULT_LOOKBACK_MS = 60_000;
/** Polling trigger: records one poll of a source without order (Custom, Slack) may read before it fails. */
export const DEFAULT_MAX_RECORDS_READ_PER_POLL = 100_000;
