import assert from 'node:assert/strict';

import type { IRun } from 'n8n-workflow';

import { CREDENTIAL, CREDENTIAL_REF } from './config';
import type { WorkflowJson } from './n8n';

type WorkflowNode = WorkflowJson['nodes'][number];

/** The OpenAI credential the e2e run imports, pointed at the fake model (fakeModel.ts). */
export const OPENAI_CREDENTIAL = {
	id: 'e2eFakeModelCredential',
	name: 'Fake model',
	type: 'openAiApi',
};
export const OPENAI_CREDENTIAL_REF = {
	[OPENAI_CREDENTIAL.type]: { id: OPENAI_CREDENTIAL.id, name: OPENAI_CREDENTIAL.name },
};

const RESTRICTED = `Credential type "${CREDENTIAL.type}" is restricted to specific nodes`;

const start: WorkflowNode = {
	id: 'start',
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const link = (to: string, type = 'main') => ({ [type]: [[{ node: to, type, index: 0 }]] });

/** n8n's HTTP Request node with Authentication "Predefined Credential Type" and this package's credential. */
function httpRequestWithKey(url: string, type = 'n8n-nodes-base.httpRequest'): WorkflowNode {
	return {
		id: 'http',
		name: type.endsWith('Tool') ? 'Fetch' : 'HTTP Request',
		type,
		typeVersion: 4.2,
		position: [400, 0],
		parameters: {
			...(type.endsWith('Tool') ? { toolDescription: 'Reads the list of connections' } : {}),
			method: 'GET',
			url,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: CREDENTIAL.type,
			options: {},
		},
		credentials: CREDENTIAL_REF,
	};
}

/** A manual trigger giving the agent `chatInput`, the agent, the fake model and `tool`. */
export function agentWith(id: string, name: string, tool: WorkflowNode): WorkflowJson {
	const input = {
		id: 'input',
		name: 'Question',
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position: [200, 0],
		parameters: {
			mode: 'raw',
			jsonOutput: JSON.stringify({ chatInput: 'What is in the CRM?' }),
			options: {},
		},
	};
	return {
		id,
		name,
		nodes: [
			start,
			input,
			{
				id: 'agent',
				name: 'AI Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 1.9,
				position: [400, 0],
				parameters: { options: {} },
			},
			{
				id: 'model',
				name: 'OpenAI Chat Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: 1.2,
				position: [400, 200],
				parameters: { model: { __rl: true, mode: 'id', value: 'gpt-4o-mini' }, options: {} },
				credentials: OPENAI_CREDENTIAL_REF,
			},
			tool,
		],
		connections: {
			Start: link('Question'),
			Question: link('AI Agent'),
			'OpenAI Chat Model': link('AI Agent', 'ai_languageModel'),
			[tool.name]: link('AI Agent', 'ai_tool'),
		},
		settings: {},
	};
}

/** The agent's final text: "TOOL SAID: <what the tool returned>" (see fakeModel.ts). */
export function agentAnswer(run: IRun): string {
	const tasks = run.data.resultData.runData['AI Agent'];
	assert.ok(tasks?.length, 'the agent did not run');
	return String(tasks.at(-1)?.data?.main?.[0]?.[0]?.json.output ?? '');
}

/**
 * Issue 18 item 1: the workspace key goes to this package's nodes only. n8n's HTTP Request node, and its AI tool,
 * given the Unified.to credential, must be refused before they read the key.
 */
export function credentialCases(simBaseUrl: string) {
	const unifiedApi = `${simBaseUrl}/unified/connection`;
	return [
		{
			id: 'e2eHttpRequestKey',
			title: 'HTTP Request node given the Unified.to credential -> refused, the key never sent',
			fails: true,
			workflow: {
				id: 'e2eHttpRequestKey',
				name: 'e2e: HTTP Request with the Unified.to key',
				nodes: [start, httpRequestWithKey(unifiedApi)],
				connections: { Start: link('HTTP Request') },
				settings: {},
			} satisfies WorkflowJson,
			check: (run: IRun) => {
				assert.equal(run.status, 'error');
				assert.equal(run.data.resultData.error?.message, RESTRICTED);
				assert.equal(run.data.resultData.lastNodeExecuted, 'HTTP Request');
				const [task] = run.data.resultData.runData['HTTP Request'] ?? [];
				assert.equal(task?.data, undefined, 'the HTTP Request node produced output');
			},
		},
		{
			id: 'e2eHttpToolKey',
			title: "AI Agent's HTTP Request tool given the Unified.to credential -> refused",
			workflow: agentWith(
				'e2eHttpToolKey',
				'e2e: HTTP Request tool with the Unified.to key',
				httpRequestWithKey(unifiedApi, 'n8n-nodes-base.httpRequestTool'),
			),
			check: (run: IRun) => {
				assert.equal(run.status, 'success', 'the agent itself runs on');
				const [task] = run.data.resultData.runData.Fetch ?? [];
				assert.ok(task, 'the model did not call the HTTP Request tool');
				assert.equal(task.error?.message, RESTRICTED);
				assert.deepEqual(task.data?.ai_tool, [[{ json: {} }]], 'the tool returned data');
				const answer = agentAnswer(run);
				assert.ok(!answer.includes('conn_'), `a connection list reached the agent: ${answer}`);
			},
		},
	];
}
