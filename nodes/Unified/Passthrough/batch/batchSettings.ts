import { ParameterError } from '../../core/errors';
import { customMode } from './custom';
import { hubspotMode } from './hubspot';
import { salesforceMode } from './salesforce';
import type { BatchMode } from './batchMode';

export type BatchModeName = 'hubspot' | 'salesforce' | 'custom';

/** `options.batching.settings` as the user left it. */
export interface RawBatching {
	mode?: string;
	batchSize?: number;
	arrayPath?: string;
	resultsPath?: string;
}

export interface BatchSettings {
	modeName: BatchModeName;
	mode: BatchMode;
	batchSize: number;
	arrayPath: string;
	resultsPath: string;
	/** Set when the Batch Size asked for was above the API's maximum and was lowered to it. */
	cappedFrom?: number;
}

/** Undefined when batching is off. Refused together with pagination: one call per item is what paging needs. */
export function resolveBatching(
	raw: RawBatching | undefined,
	paginationOn: boolean,
): BatchSettings | undefined {
	const modeName = String(raw?.mode ?? 'off');
	if (modeName === 'off') return undefined;
	if (paginationOn) {
		throw new ParameterError(
			'options.batching',
			'"Batching" and "Pagination" cannot be used together: a batch call writes many items at once, pagination reads many pages for one item. Turn one of the two options off',
		);
	}
	const arrayPath = String(raw?.arrayPath ?? '').trim();
	const resultsPath = String(raw?.resultsPath ?? '').trim();
	let mode: BatchMode;
	if (modeName === 'hubspot') mode = hubspotMode;
	else if (modeName === 'salesforce') mode = salesforceMode;
	else if (modeName === 'custom') mode = customMode(arrayPath, resultsPath);
	else
		throw new ParameterError(
			'options.batching.mode',
			`Unknown batching mode "${modeName}" (known: off, hubspot, salesforce, custom)`,
		);
	const asked = Number(raw?.batchSize ?? 0);
	if (!Number.isFinite(asked) || asked < 0) {
		throw new ParameterError(
			'options.batching.batchSize',
			`"Batch Size" must be a whole number of 0 or more (0: the mode's maximum), not "${String(raw?.batchSize)}"`,
		);
	}
	const wanted = Math.floor(asked) || mode.maxSize;
	return {
		modeName,
		mode,
		batchSize: Math.min(wanted, mode.maxSize),
		arrayPath,
		resultsPath,
		...(wanted > mode.maxSize ? { cappedFrom: wanted } : {}),
	};
}
