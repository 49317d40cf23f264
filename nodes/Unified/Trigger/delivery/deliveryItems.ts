import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { ParameterError } from '../../core/errors';
import type { Delivery } from './payload';

export type OutputMode = 'unified' | 'raw';

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** What to tell the user when Unified.to reports the webhook paused or unhealthy. */
export function webhookWarning(webhook: Delivery['webhook']): string | undefined {
	if (webhook.is_paused === true)
		return 'Unified.to reports this webhook as paused: it sends nothing more until it is resumed. Check the connection in Unified.to (a paused or expired connection pauses its webhooks), then deactivate and activate the workflow.';
	if (webhook.is_healthy === false)
		return 'Unified.to reports this webhook as unhealthy: deliveries to n8n failed (check that the webhook URL is reachable from the internet, e.g. WEBHOOK_URL behind a tunnel), or the connection failed. Deactivate and activate the workflow once fixed.';
	return undefined;
}

const NO_RAW =
	'This record has no "raw" field, so it is given as Unified.to delivered it: the integration may not send its own record for this object.';

/** One item per delivered record, with the delivery's context beside it. */
export function deliveryItems(delivery: Delivery, output: OutputMode): INodeExecutionData[] {
	const webhookNote = webhookWarning(delivery.webhook);
	return delivery.data.map((unified) => {
		const useRaw = output === 'raw' && isObject(unified.raw);
		const warnings = [webhookNote, output === 'raw' && !useRaw ? NO_RAW : undefined].filter(
			(note): note is string => note !== undefined,
		);
		const json: IDataObject = {
			record: useRaw ? (unified.raw as IDataObject) : unified,
			event: delivery.webhook.event ?? null,
			objectType: delivery.webhook.object_type ?? null,
			connectionId: delivery.webhook.connection_id ?? null,
			webhookId: delivery.webhook.id,
			deliveryType: delivery.type,
			backfill: delivery.type === 'INITIAL-PARTIAL' || delivery.type === 'INITIAL-COMPLETE',
		};
		if (warnings.length) json.warning = warnings.join(' ');
		return { json };
	});
}

export function readOutputMode(value: unknown): OutputMode {
	if (value === undefined || value === 'unified') return 'unified';
	if (value === 'raw') return 'raw';
	throw new ParameterError(
		'options.output',
		`"${String(value).slice(0, 40)}" is not an output: use unified or raw`,
	);
}
