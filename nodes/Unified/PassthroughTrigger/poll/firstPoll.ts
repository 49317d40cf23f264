import type { IDataObject } from 'n8n-workflow';

/**
 * What a First Poll "Emit Nothing" poll leaves in the workflow's global static data: the time up to which it
 * treated every record as existing before the workflow was activated.
 *
 * Why outside the node's own state: on n8n 2.x's durable scheduler (durable poll cursors) the activation poll's
 * node state is discarded when it emits nothing, and the first scheduled poll finds no state. n8n saves the
 * workflow's static data after activating it, so this record survives; a poll that finds no state but this record
 * knows its state was lost after activation, and reads from this time instead of skipping what changed since.
 */
export interface FirstPollRecord {
	version: 1;
	/** Of the settings the first poll ran with (state.ts's fingerprint): other settings start over. */
	fingerprint: string;
	/** Epoch ms: records at or before this time existed before activation. */
	at: number;
}

/** The record's key in the global static data: one per trigger node (by name, as n8n keys node static data). */
export function firstPollKey(nodeName: string): string {
	return `unifiedPassthroughTrigger:firstPoll:${nodeName}`;
}

/** The record's time when it belongs to these settings; undefined otherwise (absent, unreadable, other settings). */
export function readFirstPollTime(raw: unknown, fingerprint: string): number | undefined {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
	if (!(['version', 'fingerprint', 'at'] as const).every((key) => Object.hasOwn(raw, key)))
		return undefined;
	const record = raw as Partial<FirstPollRecord>;
	if (record.version !== 1 || record.fingerprint !== fingerprint) return undefined;
	return typeof record.at === 'number' && Number.isFinite(record.at) ? record.at : undefined;
}

export function firstPollRecord(fingerprint: string, at: number): IDataObject {
	const record: FirstPollRecord = { version: 1, fingerprint, at };
	return record as unknown as IDataObject;
}
