import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { resolveConnectionId, type ConnectionParameter } from '../../core/runtime/connection';
import { resolveItemOptions } from '../../core/runtime/options';
import { connectionCaller } from '../../core/caller/connectionCaller';
import type { ParameterReader } from '../../core/request/buildRequest';
import type { Runtime } from '../../core/runtime/createRuntime';
import { redactSecret } from '../../core/shared/redact';
import { buildSource } from './buildSource';
import { emptySample } from './emptySample';
import type { FetchPage } from './readPages';
import { runPoll, sampleNewest } from './runPoll';
import {
	fingerprintEvent,
	pollDeadline,
	resolveEvent,
	resolvePollSettings,
	sourceEvent,
	type TriggerOptions,
} from './pollSettings';
import { firstPollKey, firstPollRecord, readFirstPollTime } from './firstPoll';
import { readState, STATE_KEY, stateFingerprint } from './state';
import { assertSourceFitsConnection } from './sourceConnection';

/** Records the editor's "Fetch Test Event" shows. */
export const SAMPLE_SIZE = 5;

/**
 * One poll of the trigger: parameters -> source -> records changed since the stored state. The state is written
 * once, after every page has been read; a poll that throws leaves it untouched. Null when nothing changed.
 */
export async function triggerPoll(
	context: IPollFunctions,
	runtime: Runtime,
): Promise<IDataObject[] | null> {
	const startedAt = Date.now();
	const read: ParameterReader = <T>(name: string, fallback: T) =>
		context.getNodeParameter(name, fallback) as T;
	const rawOptions = read<TriggerOptions>('options', {});
	const sourceName = read<string>('source', 'hubspot');
	const savedEvent = resolveEvent(read<string>('event', 'newOrUpdated'));
	const event = sourceEvent(sourceName, savedEvent);
	const settings = resolvePollSettings(event, rawOptions);
	const options = resolveItemOptions({ ...rawOptions, responseFormat: 'json' });
	const source = await buildSource(read, event, options.domain);
	const connectionId = await resolveConnectionId(
		read<ConnectionParameter>('connection', ''),
		String(rawOptions.connectionCategory ?? ''),
		runtime.resolveXref,
	);
	await assertSourceFitsConnection(sourceName, connectionId, runtime.lookupConnection);
	const caller = connectionCaller(runtime, connectionId, options);
	const fetchPage: FetchPage = async (spec) => await caller.call(spec, { fingerprint: true });

	if (context.getMode() === 'manual') {
		const sample = await sampleNewest(source, fetchPage, SAMPLE_SIZE);
		if (sample.length === 0) throw emptySample(source, SAMPLE_SIZE);
		return sample;
	}

	// The first-poll settings are in it too: choosing "Emit Since a Date" (or another date) reruns from that date.
	const fingerprint = stateFingerprint([
		connectionId,
		fingerprintEvent(sourceName, savedEvent),
		source.fingerprintParts,
		settings.firstPoll,
		settings.firstPollSince ?? null,
	]);
	const staticData = context.getWorkflowStaticData('node');
	const state = readState(staticData[STATE_KEY], fingerprint);
	const globalData = context.getWorkflowStaticData('global');
	const recordKey = firstPollKey(context.getNode().name);
	// "Emit Nothing" means nothing from before activation: a poll that lost the first poll's state resumes after it.
	const recorded =
		state === undefined && settings.firstPoll === 'emitNothing'
			? readFirstPollTime(globalData[recordKey], fingerprint)
			: undefined;
	// Never from ahead of now: the resumed state's floor would hide every record until then.
	const resumeFrom = recorded === undefined ? undefined : Math.min(recorded, startedAt);
	// n8n 1.x has no poll budget: there Max Records per Poll alone bounds a poll.
	const budgetMs =
		typeof context.getPollBudgetMs === 'function' ? context.getPollBudgetMs() : undefined;
	const outcome = await runPoll({
		source,
		fetchPage,
		state,
		resumeFrom,
		fingerprint,
		settings,
		now: Date.now,
		deadline: pollDeadline(startedAt, budgetMs),
		// Record ids come from the upstream: redacted again, as every text the node writes.
		warn: (message) => context.logger.warn(redactSecret(message, runtime.secret)),
	});
	// The one write of the poll (n8n 2.x commits it with the hand-off of what the poll emitted).
	staticData[STATE_KEY] = outcome.state as unknown as IDataObject;
	if (state === undefined && resumeFrom === undefined && settings.firstPoll === 'emitNothing') {
		// n8n saves the global static data after activation, even where it drops the activation poll's node state.
		globalData[recordKey] = firstPollRecord(fingerprint, outcome.state.watermark ?? startedAt);
	} else if (recordKey in globalData) {
		// Once the state exists, the record could only replay (after a re-activation that lost the state) what was
		// emitted before; n8n saves its removal with the first emission at the latest.
		delete globalData[recordKey];
	}
	return outcome.records.length ? outcome.records : null;
}
