import type { RunOptions } from '../test/harness/engine';
import { polledRun, pollingTrigger, type ExampleWorkflow } from '../test/harness/examples';
import { runWorkflow } from '../test/harness/engine';
import { createPoller } from '../test/harness/poll';
import type { Simulator } from '../test/simulator';
import { printRun } from './print';

/**
 * A scheduled-sync example, shown over two polls: the first remembers where the data stands and emits nothing,
 * then the simulator changes two HubSpot contacts, and the second poll emits exactly those two, which the rest of
 * the workflow upserts into Salesforce.
 */
export async function runSyncExample(
	example: ExampleWorkflow,
	file: string,
	sim: Simulator,
	credentials: RunOptions['credentials'],
): Promise<boolean> {
	const trigger = pollingTrigger(example)!;
	const poller = await createPoller({ credentials, parameters: trigger.parameters });
	console.log(`\n▶ ${example.name}  (examples/${file})`);
	const first = await poller.poll();
	if (first.error) throw first.error;
	console.log(
		`  poll 1 emitted ${first.items?.length ?? 0} items (the first poll remembers where the data stands; no execution)`,
	);
	const now = Date.now();
	sim.feed.update('hubspot:contacts', '101', { firstname: 'Ann-Marie' }, { at: now - 2 });
	sim.feed.update('hubspot:contacts', '104', { email: 'dana@new.example.com' }, { at: now - 1 });
	console.log('  simulator: contacts 101 and 104 changed in HubSpot');
	const second = await poller.poll();
	if (second.error) throw second.error;
	if (!second.items) {
		console.log('  poll 2 emitted nothing: expected the two changed contacts');
		return false;
	}
	const result = await runWorkflow(polledRun(example, second.items), { credentials });
	printRun(
		`poll 2 emitted ${second.items.length} items; the execution it started:`,
		result,
		example.nodes.map((node) => node.name),
	);
	return result.status === 'success' && second.items.length === 2;
}
