import '../test/harness/env';

import { runWorkflow } from '../test/harness/engine';
import {
	exampleFiles,
	loadExample,
	pollingTrigger,
	toolCallsWorkflow,
} from '../test/harness/examples';
import { connectionById, passthroughWorkflow } from '../test/harness/workflow';
import { startSimulator } from '../test/simulator';
import { printRun } from './print';
import { defaultReadOnlyPath, listRealConnections } from './realApi';
import { runSyncExample } from './sync';
import { runWebhookSyncExample, webhookTrigger } from './webhookSync';

/**
 * `npm start`: runs every workflow in examples/ through n8n's real engine against the embedded simulator.
 * With UNIFIED_API_KEY set, runs a read-only GET against the real Unified.to API instead.
 */
// What a model might send to the agent example's tool: one good call, and one the agent must correct.
const AGENT_TOOL_CALLS = [
	{
		method: 'GET',
		path: '/crm/v3/objects/contacts',
		query: '{"limit": 3, "properties": "email,firstname"}',
		body: '{}',
	},
	{ method: 'GET', path: '/crm/v3/objects/deals', query: '{}', body: '{}' },
];

async function runExamples(): Promise<boolean> {
	const sim = await startSimulator();
	console.log(
		`Unified.to simulator on ${sim.baseUrl} (loopback only); running the workflows in examples/ through n8n-core's WorkflowExecute.`,
	);
	const credentials = { apiKey: sim.apiKey, baseUrl: sim.baseUrl };
	let allSucceeded = true;
	try {
		for (const file of exampleFiles()) {
			const example = loadExample(file);
			if (pollingTrigger(example)) {
				allSucceeded = (await runSyncExample(example, file, sim, credentials)) && allSucceeded;
				continue;
			}
			if (webhookTrigger(example)) {
				allSucceeded =
					(await runWebhookSyncExample(example, file, sim, credentials)) && allSucceeded;
				continue;
			}
			const isAgent = example.nodes.some((node) => node.type.endsWith('unifiedPassthroughTool'));
			// No model runs here: for the agent example only its tool node runs, with the arguments a model would send.
			const { workflow, nodeNames, note } = isAgent
				? (() => {
						const { tool, workflow: calls } = toolCallsWorkflow(example, AGENT_TOOL_CALLS);
						return {
							workflow: calls,
							nodeNames: [tool.name],
							note: ' — tool node only; the agent and model need an LLM',
						};
					})()
				: { workflow: example, nodeNames: example.nodes.map((node) => node.name), note: '' };
			const result = await runWorkflow(workflow, { credentials });
			printRun(`${example.name}  (examples/${file})${note}`, result, nodeNames);
			allSucceeded &&= result.status === 'success';
		}
	} finally {
		await sim.close();
	}
	return allSucceeded;
}

async function runAgainstRealApi(apiKey: string): Promise<boolean> {
	const region = process.env.UNIFIED_REGION ?? 'us';
	const credentials = { apiKey, region, baseUrl: process.env.UNIFIED_BASE_URL ?? '' };
	const ids = (process.env.UNIFIED_CONNECTION_IDS ?? process.env.UNIFIED_CONNECTION_ID ?? '')
		.split(',')
		.map((id) => id.trim())
		.filter(Boolean);
	const connections = await listRealConnections(credentials);
	console.log(`Unified.to (${region}): ${connections.length} connection(s) visible to this key.`);
	if (!ids.length) {
		for (const connection of connections)
			console.log(
				`  ${connection.id}  ${connection.integration_type}  ${connection.external_xref ?? ''}`,
			);
		console.log(
			'Set UNIFIED_CONNECTION_IDS=<id>[,<id>...] (and optionally UNIFIED_PATH) to run a read-only GET through each.',
		);
		return true;
	}
	let allSucceeded = true;
	for (const id of ids) {
		const integration = connections.find((connection) => connection.id === id)?.integration_type;
		const path = process.env.UNIFIED_PATH ?? defaultReadOnlyPath(integration);
		if (!path) {
			console.log(
				`\n▶ ${id}: no default read-only path for "${integration ?? 'unknown'}"; set UNIFIED_PATH.`,
			);
			allSucceeded = false;
			continue;
		}
		const result = await runWorkflow(
			passthroughWorkflow([{}], {
				name: `GET ${path}`,
				parameters: { connection: connectionById(id), method: 'GET', path },
			}),
			{ credentials },
		);
		printRun(`${integration ?? 'connection'} ${id}: GET ${path}`, result, [`GET ${path}`]);
		allSucceeded &&= result.status === 'success';
	}
	return allSucceeded;
}

async function main(): Promise<void> {
	const apiKey = process.env.UNIFIED_API_KEY;
	const ok = apiKey ? await runAgainstRealApi(apiKey) : await runExamples();
	console.log(ok ? '\nDone.' : '\nDone, with failures (see above).');
	process.exit(ok ? 0 : 1);
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
