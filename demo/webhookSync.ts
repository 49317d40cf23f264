import type { RunResult } from '../test/harness/engine';
import type { ExampleWorkflow } from '../test/harness/examples';
import {
	DOWNSTREAM_NAME,
	startWebhookTrigger,
	WEBHOOK_TRIGGER_NAME,
	WEBHOOK_TRIGGER_TYPE,
	type WebhookExecution,
} from '../test/harness/webhook';
import type { Simulator } from '../test/simulator';
import { printRun } from './print';

/** The example's Unified.to Trigger (a webhook trigger), if it has one. */
export function webhookTrigger(example: ExampleWorkflow) {
	return example.nodes.find((node) => node.type === WEBHOOK_TRIGGER_TYPE);
}

const asRunResult = (execution: WebhookExecution): RunResult => ({
	...execution,
	error: execution.run.data.resultData.error as RunResult['error'],
});

/**
 * A real-time sync example: the trigger subscribes (Unified's webhook API in the simulator), two HubSpot contacts
 * change, the simulator's webhook delivers them signed, and the execution upserts them into Salesforce; then the
 * simulator sends that delivery again (same nonce), which starts nothing, and deactivation unsubscribes.
 */
export async function runWebhookSyncExample(
	example: ExampleWorkflow,
	file: string,
	sim: Simulator,
	credentials: { apiKey: string; baseUrl: string },
): Promise<boolean> {
	const trigger = webhookTrigger(example)!;
	const action = example.nodes.find((node) => node !== trigger)!;
	const harness = await startWebhookTrigger({
		credentials: { ...credentials, webhookSecret: sim.webhookSecret },
		parameters: trigger.parameters,
		passthrough: action.parameters,
	});
	console.log(`\n▶ ${example.name}  (examples/${file})`);
	try {
		await harness.activate();
		const subscribed = sim.webhooks.filter((webhook) => webhook.hook_url === harness.url);
		console.log(
			`  activated: ${subscribed.map((webhook) => `${webhook.id} (${webhook.object_type} ${webhook.event}, every ${webhook.interval ?? '?'} min)`).join(', ')} → ${harness.url}`,
		);
		sim.feed.update('hubspot:contacts', '101', { firstname: 'Ann-Marie' });
		sim.feed.update('hubspot:contacts', '104', { email: 'dana@new.example.com' });
		console.log(
			'  simulator: contacts 101 and 104 changed in HubSpot; the webhook delivers them at its next check',
		);
		const executions = await harness.waitForExecutions(1, 15_000);
		await harness.idle();
		const upserts = executions.flatMap((execution) => execution.output(DOWNSTREAM_NAME) ?? []);
		for (const [index, execution] of executions.entries())
			printRun(
				`delivery ${index + 1} (${execution.items.length} records, signed, verified); the execution it started (${DOWNSTREAM_NAME} = "${action.name}"):`,
				asRunResult(execution),
				[WEBHOOK_TRIGGER_NAME, DOWNSTREAM_NAME],
			);
		const [updated] = subscribed.filter((webhook) => webhook.event === 'updated');
		const again = await sim.redeliver(updated.id);
		await harness.idle();
		console.log(
			`  the simulator sends the same delivery again (same nonce): HTTP ${again.status}, ${harness.executions.length - executions.length} new executions`,
		);
		await harness.deactivate();
		const left = sim.webhooks.filter((webhook) => webhook.hook_url === harness.url).length;
		console.log(`  deactivated: ${left} subscriptions left in Unified`);
		return (
			executions.every((execution) => execution.status === 'success') &&
			upserts.length === 2 &&
			harness.executions.length === executions.length &&
			left === 0
		);
	} finally {
		await harness.close();
	}
}
