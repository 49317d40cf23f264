import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { getConnection, type UnifiedApiCall } from '../../core/call/unifiedApi';
import {
	cachedXrefResolver,
	resolveConnectionId,
	unifiedXrefLookup,
	type ConnectionParameter,
} from '../../core/runtime/connection';
import { OperationFailure } from '../../core/errors';
import type { UnifiedCredentials } from '../../core/shared/baseUrl';
import { isFixedRegion } from '../../core/shared/regions';
import { coversEvents, stillMatches, subscriptionsToReplace } from './matching';
import {
	readSubscriptions,
	writeSubscriptions,
	type StoredSubscription,
} from './storedSubscriptions';
import {
	readSubscriptionSettings,
	webhookRequest,
	type RawTriggerOptions,
	type SubscriptionSettings,
} from './subscriptionSettings';
import { unreachableReason } from './reachableUrl';
import { createWebhook, deleteWebhook, findWebhook, listWebhooks } from './webhookApi';

/** What one lifecycle call works with: the node's settings, resolved and checked before anything is sent. */
interface HookSetup {
	call: UnifiedApiCall;
	hookUrl: string;
	connectionId: string;
	settings: SubscriptionSettings;
	staticData: IDataObject;
}

/**
 * Unified.to's own regions call the URL from the internet: a URL only this machine or network knows would be
 * accepted, then fail every delivery until Unified marks the webhook unhealthy. A custom base URL (the simulator, a
 * proxy) may sit anywhere, so it is not judged.
 */
function assertReachable(hookUrl: string, credentials: UnifiedCredentials): void {
	if (!isFixedRegion(credentials.region ?? 'us')) return;
	const reason = unreachableReason(hookUrl);
	if (reason === undefined) return;
	throw new OperationFailure(
		`Unified.to cannot reach this trigger's webhook URL ${hookUrl.slice(0, 200)}: ${reason}`,
		{
			description:
				"Set n8n's WEBHOOK_URL environment variable to the address Unified.to can call (your public https URL, or a tunnel's), restart n8n, then activate the workflow again. Nothing was created in Unified.to.",
		},
	);
}

async function hookSetup(context: IHookFunctions): Promise<HookSetup> {
	const credentials = (await context.getCredentials('unifiedApi')) as unknown as UnifiedCredentials;
	const call: UnifiedApiCall = { credentials };
	const options = context.getNodeParameter('options', {}) as RawTriggerOptions;
	const settings = readSubscriptionSettings(
		context.getNodeParameter('objectType', ''),
		context.getNodeParameter('events', []),
		options,
	);
	const connectionId = await resolveConnectionId(
		context.getNodeParameter('connection', '') as ConnectionParameter,
		String(options.connectionCategory ?? ''),
		cachedXrefResolver(unifiedXrefLookup(credentials)),
	);
	const hookUrl = context.getNodeWebhookUrl('default');
	if (!hookUrl) throw new Error('n8n gave no URL for the trigger to subscribe');
	assertReachable(hookUrl, credentials);
	return {
		call,
		hookUrl,
		connectionId,
		settings,
		staticData: context.getWorkflowStaticData('node'),
	};
}

/**
 * Whether every subscription the node stored still exists in Unified.to as it was made: same URL, connection,
 * object and event, one per chosen event. Anything else answers false, and n8n calls create.
 */
export async function subscriptionsExist(context: IHookFunctions): Promise<boolean> {
	const setup = await hookSetup(context);
	const stored = readSubscriptions(setup.staticData);
	if (stored.length === 0 || !coversEvents(stored, setup.settings.events)) return false;
	const wanted = {
		hookUrl: setup.hookUrl,
		connectionId: setup.connectionId,
		objectType: setup.settings.objectType,
		events: setup.settings.events,
	};
	for (const subscription of stored) {
		const remote = await findWebhook(setup.call, subscription.id);
		if (!stillMatches(subscription, remote, wanted)) return false;
	}
	return true;
}

async function deleteAll(call: UnifiedApiCall, ids: readonly string[]): Promise<void> {
	for (const id of ids) await deleteWebhook(call, id);
}

/** Why a create failed, in words the user can act on. */
async function creationFailure(setup: HookSetup, event: string, error: unknown): Promise<Error> {
	let connectionNote = '';
	try {
		const connection = await getConnection(setup.call, setup.connectionId);
		if (connection.is_paused)
			connectionNote =
				' The connection is paused in Unified.to: resume it (or have the customer reconnect) first.';
	} catch {
		// The lookup only adds a hint; the cause is Unified's answer to the create.
	}
	const status = (error as { statusCode?: number }).statusCode;
	const advice =
		status === 400 || status === 422
			? ` The connection's integration may not support ${setup.settings.objectType} ${event} webhooks: choose another Object or Events.`
			: '';
	const failure = new Error(
		`Unified.to did not create the ${setup.settings.objectType} "${event}" webhook on connection ${setup.connectionId}: ${(error as Error).message}.${advice}${connectionNote}`,
	);
	(failure as Error & { statusCode?: number }).statusCode = status;
	return failure;
}

/**
 * Makes one subscription per event for this node's URL. First removes what the static data still lists and any
 * subscription of this connection aimed at the same URL (so there are never two); if one create fails, removes
 * those it made and throws. Include Existing asks for the backfill only when there was nothing to replace: a
 * subscription made again (lost in Unified.to, found at a restart) must not send every record a second time.
 */
export async function createSubscriptions(context: IHookFunctions): Promise<boolean> {
	const setup = await hookSetup(context);
	const stored = readSubscriptions(setup.staticData);
	const listed = await listWebhooks(setup.call, setup.connectionId);
	const replaced = subscriptionsToReplace(stored, listed, setup.hookUrl);
	await deleteAll(setup.call, replaced);
	writeSubscriptions(setup.staticData, []);
	const backfill = setup.settings.includeExisting && replaced.length === 0;

	const made: StoredSubscription[] = [];
	for (const event of setup.settings.events) {
		try {
			const webhook = await createWebhook(
				setup.call,
				webhookRequest(setup.settings, setup.connectionId, setup.hookUrl, event),
				backfill,
			);
			if (typeof webhook?.id !== 'string' || !webhook.id)
				throw new Error('the answer has no webhook id');
			made.push({ id: webhook.id, event, hookUrl: setup.hookUrl });
		} catch (error) {
			const failure = await creationFailure(setup, event, error);
			await deleteAll(
				setup.call,
				made.map((subscription) => subscription.id),
			).catch(() => undefined);
			throw failure;
		}
	}
	writeSubscriptions(setup.staticData, made);
	return true;
}

/** Removes every subscription the node made (one already gone counts as removed) and forgets them. */
export async function deleteSubscriptions(context: IHookFunctions): Promise<boolean> {
	const credentials = (await context.getCredentials('unifiedApi')) as unknown as UnifiedCredentials;
	const staticData = context.getWorkflowStaticData('node');
	const stored = readSubscriptions(staticData);
	await deleteAll(
		{ credentials },
		stored.map((subscription) => subscription.id),
	);
	writeSubscriptions(staticData, []);
	return true;
}
