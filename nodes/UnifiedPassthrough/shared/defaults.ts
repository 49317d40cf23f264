/**
 * Every default the node's description shows and the runtime applies when an option is absent, defined once:
 * the editor and an execution can never disagree on them (test/engine/defaults.test.ts compares the two).
 */
export const DEFAULTS = {
	timeoutMs: 300_000,
	retry: {
		maxRetries: 3,
		retryOn: [429, 502, 503, 504],
		maxWaitMs: 60_000,
		retryNonIdempotent: false,
	},
	concurrency: 5,
	requestIntervalMs: 0,
	pagination: {
		maxPages: 100,
		pageSize: 100,
		firstOffset: 0,
		firstPage: 1,
	},
	/** Records an AI agent receives per call (Optimize Response for AI). */
	toolMaxRecords: 50,
	/** MB of 1,048,576 bytes. */
	maxResponseSizeMb: 128,
	maxCompressionRatio: 100,
} as const;
