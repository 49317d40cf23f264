import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeExecutionData, IRun } from 'n8n-workflow';

import { REPO_ROOT } from './config';
import { agentAnswer, credentialCases, OPENAI_CREDENTIAL_REF } from './credentialCases';
import { headless } from './headless';
import { connectionById, itemsInto, passthroughNode } from './workflows';
import type { WorkflowJson } from './n8n';

export interface E2eCase {
	/** The workflow id in n8n (at most 21 characters). */
	id: string;
	title: string;
	workflow?: WorkflowJson;
	/** Why the case cannot run headless, if it cannot. */
	skip?: string;
	/** The run is expected to end in an error (n8n execute then exits non-zero). */
	fails?: boolean;
	/** Throws an AssertionError saying what differs. */
	check(run: IRun): void;
}

export function output(run: IRun, node: string): INodeExecutionData[] {
	const tasks = run.data.resultData.runData[node];
	assert.ok(tasks?.length, `node "${node}" did not run`);
	return tasks[tasks.length - 1].data?.main?.[0] ?? [];
}

function assertSucceeded(run: IRun): void {
	assert.equal(run.data.resultData.error?.message, undefined, 'the execution failed');
	assert.equal(run.status, 'success');
}

// The same expectations as test/engine/examples.test.ts, read from the real run.
const exampleChecks: Record<string, (run: IRun) => void> = {
	'hubspot-slack-digest.json': (run) => {
		const [posted] = output(run, 'Slack: post digest');
		assert.equal(posted.json.ok, true);
		const text = String((posted.json.message as { text: string }).text);
		assert.equal(
			Number(/HubSpot digest: (\d+) contacts/.exec(text)?.[1]),
			30,
			'digest of 3 pages of 10 contacts',
		);
		assert.equal(text.split('\n').length, 31);
		assert.ok(text.includes('• Ann Contact101 <ann.101@example.com>'), text.slice(0, 200));
	},
	'salesforce-account-from-form.json': (run) => {
		const created = output(run, 'Salesforce: create account');
		assert.equal(created.length, 2);
		created.forEach((item, index) => {
			assert.equal(item.json.success, true);
			assert.deepEqual(item.json.errors, []);
			assert.match(String(item.json.id), /^001NEW/);
			assert.deepEqual(item.pairedItem, { item: index });
		});
	},
	'hubspot-properties-batch-read.json': (run) => {
		const [batch] = output(run, 'HubSpot: batch read properties');
		assert.equal(batch.json.status, 'COMPLETE');
		assert.deepEqual(
			(batch.json.results as Array<{ name: string }>).map((property) => property.name),
			['email', 'firstname', 'hs_lead_status'],
		);
	},
	'file-move-between-connections.json': (run) => {
		const [downloaded] = output(run, 'Download from source');
		assert.equal(downloaded.binary?.file?.fileName, 'q3-report.pdf');
		assert.equal(
			downloaded.binary?.file?.data,
			'filesystem-v2',
			'the file went to the filesystem binary store',
		);
		const [uploaded] = output(run, 'Upload to destination');
		assert.ok(
			JSON.stringify(uploaded.json).includes('250000'),
			JSON.stringify(uploaded.json).slice(0, 300),
		);
	},
};

function exampleCases(): E2eCase[] {
	const dir = join(REPO_ROOT, 'examples');
	return readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file, index) => {
			const example = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Omit<WorkflowJson, 'id'>;
			const id = `e2eExample${index}`;
			const title = `examples/${file}`;
			if (example.nodes.some((node) => node.type.startsWith('@n8n/n8n-nodes-langchain.lmChat')))
				return agentExampleCase(id, title, example);
			if (example.nodes.some((node) => node.type.endsWith('.unifiedTrigger'))) {
				return {
					id,
					title,
					// A webhook trigger waits for a delivery; n8n execute starts it with one empty item.
					skip: 'a webhook trigger: n8n execute sends it no delivery (the "webhook trigger" case runs it in n8n start)',
					check: () => undefined,
				};
			}
			if (
				example.nodes.some((node) => node.type.endsWith('Trigger') && node.type.includes('unified'))
			) {
				return {
					id,
					title,
					// n8n execute starts a workflow with one empty item from its first node; it never polls.
					skip: 'a polling trigger: n8n execute does not poll (the "polling trigger" case runs it in n8n start)',
					check: () => undefined,
				};
			}
			const check = exampleChecks[file];
			return {
				id,
				title,
				workflow: headless(example, id),
				check: (run: IRun) => {
					assertSucceeded(run);
					check?.(run);
				},
			};
		});
}

/**
 * The AI-agent example against the fake model (fakeModel.ts): the model calls the HubSpot tool, this package's
 * `unifiedPassthroughTool`, which must still read the credential (restricted to this package's nodes, Tool included).
 */
function agentExampleCase(id: string, title: string, example: Omit<WorkflowJson, 'id'>): E2eCase {
	const chatTrigger = example.nodes.find((node) => node.type.endsWith('.chatTrigger'));
	const withModel = {
		...example,
		nodes: example.nodes.map((node) =>
			node.type.startsWith('@n8n/n8n-nodes-langchain.lmChat')
				? { ...node, credentials: OPENAI_CREDENTIAL_REF }
				: node,
		),
		pinData: chatTrigger
			? {
					[chatTrigger.name]: [
						{ json: { chatInput: 'Who are my newest contacts?', sessionId: 'e2e' } },
					],
				}
			: {},
	};
	return {
		id,
		title,
		workflow: headless(withModel, id),
		check: (run: IRun) => {
			assertSucceeded(run);
			const answer = agentAnswer(run);
			assert.match(answer, /^TOOL SAID: /, answer.slice(0, 300));
			assert.match(
				answer,
				/@example\.com/,
				`no contact in the tool's answer: ${answer.slice(0, 300)}`,
			);
		},
	};
}

/** What the fake model sends as the tool call's arguments, per tool name. */
export function fakeToolArguments(tool: string): object {
	if (tool === 'HubSpot')
		return { method: 'GET', path: '/crm/v3/objects/contacts', query: '{"limit": 2}', body: '' };
	return {};
}

/** Manual trigger -> items (see headless) -> one Passthrough node. */
function passthrough(
	id: string,
	name: string,
	items: Array<Record<string, unknown>>,
	parameters: Record<string, unknown>,
	settings: Record<string, unknown> = {},
): WorkflowJson {
	return itemsInto(id, name, items, passthroughNode(parameters, settings));
}

function failurePathCases(): E2eCase[] {
	return [
		{
			id: 'e2eErrorItem',
			title: 'On Error: Continue -> an error item for the failing item only',
			workflow: passthrough(
				'e2eErrorItem',
				'e2e: error item',
				[{ path: '/crm/v3/objects/contacts?limit=2' }, { path: '/crm/v3/objects/deals' }],
				{ connection: connectionById('conn_hubspot'), method: 'GET', path: '={{ $json.path }}' },
				{ onError: 'continueRegularOutput' },
			),
			check: (run) => {
				assertSucceeded(run);
				const items = output(run, 'Passthrough');
				assert.equal(items.length, 2);
				assert.equal((items[0].json.results as unknown[]).length, 2);
				assert.deepEqual(items[1].pairedItem, { item: 1 });
				assert.equal(items[1].json.statusCode, 404);
				assert.match(String(items[1].json.error), /^Upstream returned 404/);
				assert.equal((items[1].json.body as { category?: string }).category, 'OBJECT_NOT_FOUND');
			},
		},
		{
			id: 'e2eNodeError',
			title: 'Unknown connection -> the execution fails with a NodeApiError',
			fails: true,
			workflow: passthrough('e2eNodeError', 'e2e: node error', [{}], {
				connection: connectionById('conn_missing'),
				method: 'GET',
				path: '/v2/customers',
			}),
			check: (run) => {
				const error = run.data.resultData.error as
					| (Error & { description?: string; httpCode?: string })
					| undefined;
				assert.ok(error, 'the execution should have failed');
				assert.equal(run.status, 'error');
				assert.equal(error.name, 'NodeApiError');
				assert.equal(
					error.message,
					'Unified.to returned 404 Not Found: Connection conn_missing not found [item 0]',
				);
				assert.match(String(error.description), /no connection "conn_missing"/);
				assert.equal(error.httpCode, '404');
			},
		},
		{
			id: 'e2eRetry429',
			title: '429 twice with Retry-After: 1 -> retried in the node, then the answer',
			workflow: passthrough('e2eRetry429', 'e2e: retry', [{}], {
				connection: connectionById('conn_acme'),
				method: 'GET',
				path: '/v2/customers',
				sendHeaders: true,
				specifyHeaders: 'keypair',
				headerParameters: {
					parameters: [
						{
							name: 'x-sim-fault',
							value: 'kind=status; status=429; retryAfter=1; times=2; key=e2e-retry',
						},
					],
				},
			}),
			check: (run) => {
				assertSucceeded(run);
				assert.deepEqual(
					output(run, 'Passthrough').map((item) => item.json.id),
					['cus_001', 'cus_002', 'cus_003'],
				);
				const [task] = run.data.resultData.runData.Passthrough;
				assert.ok(
					task.executionTime >= 2000,
					`waited ${task.executionTime} ms, expected two waits of 1 s`,
				);
			},
		},
		{
			id: 'e2eResetMidBody',
			title: 'Download reset mid-body (Response Format: File) -> retried, file intact',
			workflow: passthrough('e2eResetMidBody', 'e2e: reset mid-body', [{}], {
				connection: connectionById('conn_acme'),
				method: 'GET',
				path: 'files/download/reset.bin?size=3000000',
				sendHeaders: true,
				specifyHeaders: 'keypair',
				headerParameters: {
					parameters: [{ name: 'x-sim-fault', value: 'kind=reset; times=1; key=e2e-reset' }],
				},
				// File, so the cut-off first answer goes down the binary path: the reset must fail n8n's store and be retried.
				options: { responseFormat: 'file' },
			}),
			check: (run) => {
				assertSucceeded(run);
				const [item] = output(run, 'Passthrough');
				assert.equal(item.binary?.data?.bytes, 3_000_000);
				assert.equal(item.binary?.data?.fileName, 'reset.bin');
			},
		},
	];
}

export function e2eCases(simBaseUrl: string): E2eCase[] {
	return [...exampleCases(), ...failurePathCases(), ...credentialCases(simBaseUrl)];
}
