import './env';

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import * as core from 'n8n-core';
import * as workflowPackage from 'n8n-workflow';
import {
	NodeHelpers,
	Workflow,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IRunExecutionData,
	type IVersionedNodeType,
	type IWebhookData,
	type IWebhookFunctions,
	type IWebhookResponseData,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import {
	CREDENTIAL_TYPE,
	harnessAdditionalData,
	loadPackage,
	NODE_TYPE,
	PACKAGE_NAME,
} from './engine';

export const WEBHOOK_TRIGGER_TYPE = `${PACKAGE_NAME}.unifiedTrigger`;
export const WEBHOOK_TRIGGER_NAME = 'Unified.to Trigger';
/** The node after the trigger: it passes its input on, so an execution's items can be read there too. */
export const DOWNSTREAM_NAME = 'After Trigger';
const DOWNSTREAM_TYPE = 'harness.passOn';
/** The trigger's webhookId, as n8n gives every webhook node one: the URL's first path segment. */
const WEBHOOK_ID = 'c0ffee00-0000-4000-8000-000000000021';
const WORKFLOW_ID = 'harness-webhook-workflow';

class PassOn implements INodeType {
	description = {
		displayName: 'Pass On',
		name: 'passOn',
		group: ['transform'],
		version: 1,
		description: 'Harness: returns its input',
		defaults: { name: 'Pass On' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

export interface WebhookCredentials {
	apiKey: string;
	baseUrl: string;
	webhookSecret?: string;
	/** Default `custom` (the simulator at `baseUrl`); a fixed region means Unified.to itself. */
	region?: 'us' | 'eu' | 'au' | 'custom';
}

/** One workflow execution started by a delivery, as n8n's webhook helpers start it. */
export interface WebhookExecution {
	run: IRun;
	status: IRun['status'];
	/** What the trigger emitted. */
	items: INodeExecutionData[];
	/** The main output of a node's first run. */
	output(nodeName: string): INodeExecutionData[] | undefined;
}

/** What the harness's HTTP server answered to one request at the trigger's URL. */
export interface DeliveryAnswer {
	status: number;
	body: unknown;
	/** Whether webhook() returned data that started an execution. */
	started: boolean;
}

export interface WebhookHarnessOptions {
	credentials: WebhookCredentials;
	/** The trigger's parameters (connection, objectType, events, options). */
	parameters: INodeParameters;
	/** Downstream Passthrough node parameters (named "Passthrough"); default: a node that passes items on. */
	passthrough?: INodeParameters;
}

export interface WebhookHarness {
	/** The production URL n8n gives the trigger (`<server>/webhook/<webhookId>/webhook`), served on loopback. */
	readonly url: string;
	/** The node's static data as n8n saved it (after checkExists/create/delete; webhook() writes are not saved). */
	readonly staticData: IDataObject;
	/** Every execution a delivery started, in order. */
	readonly executions: WebhookExecution[];
	/** Every answer the server gave, in order. */
	readonly answers: DeliveryAnswer[];
	/** Publishing the workflow: checkExists, then create when it answers false (n8n's ActiveWorkflowManager). */
	activate(): Promise<void>;
	/**
	 * n8n restarting with the workflow published. With the publication service (n8n 2.41.1's default) an
	 * unchanged trigger is not touched; without it (N8N_USE_WORKFLOW_PUBLICATION_SERVICE=false, or n8n 1.x) it is
	 * activated again: checkExists, create if false. The in-process delivery log is not reset: it is the
	 * package's module state, and n8n would load a fresh one.
	 */
	restart(options: { publicationService: boolean }): Promise<void>;
	/** Unpublishing: delete. */
	deactivate(): Promise<void>;
	/** One lifecycle method through n8n-core's HookContext (static data saved after it, as n8n does). */
	checkExists(): Promise<boolean>;
	create(): Promise<boolean>;
	delete(): Promise<boolean>;
	/** Replaces the trigger's parameters (a user editing the node). */
	setParameters(parameters: INodeParameters): void;
	/** Replaces the credential's fields. */
	setCredentials(credentials: WebhookCredentials): void;
	/** POSTs `body` (JSON, or a string as is) to the trigger's URL, as anyone who knows it could. */
	post(body: unknown): Promise<DeliveryAnswer>;
	/** Resolves once every execution started so far has finished. */
	idle(): Promise<void>;
	/** Resolves with the executions once there are `count` (rejects after `timeoutMs`, default 10 s). */
	waitForExecutions(count: number, timeoutMs?: number): Promise<WebhookExecution[]>;
	close(): Promise<void>;
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function nodeTypesOf(types: Record<string, INodeType | IVersionedNodeType>): INodeTypes {
	return {
		getByName: (type) => types[type],
		getByNameAndVersion: (type, version) => {
			const nodeType = types[type];
			if (!nodeType) throw new Error(`Unknown node type ${type}`);
			return NodeHelpers.getVersionedNodeType(nodeType, version);
		},
		getKnownTypes: () => ({}),
	} as INodeTypes;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	try {
		return text ? (JSON.parse(text) as unknown) : {};
	} catch {
		// n8n's body parser answers malformed JSON itself; the harness hands the node what it could read.
		return text;
	}
}

/** The run data n8n's webhook helpers start a run from: the trigger's node on the stack with its output. */
function runDataFrom(trigger: INode, workflowData: INodeExecutionData[][]): IRunExecutionData {
	const stack = [{ node: trigger, data: { main: workflowData }, source: null }];
	const factory = (
		workflowPackage as { createRunExecutionData?: (options: unknown) => IRunExecutionData }
	).createRunExecutionData;
	if (factory) return factory({ executionData: { nodeExecutionStack: stack } });
	// n8n-workflow 1.x has no factory.
	return {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			nodeExecutionStack: stack,
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	} as unknown as IRunExecutionData;
}

/**
 * The Unified.to Trigger as n8n runs it: the built package loaded from dist/, its lifecycle methods called through
 * n8n-core's HookContext, each request at its URL handed to webhook() through n8n-core's WebhookContext, and a
 * returned workflowData run with WorkflowExecute from the trigger, as n8n's webhook helpers do (answer first:
 * responseMode onReceived). Static data is saved as n8n 2.41.1 saves it: after a lifecycle method, never after
 * webhook(); every call runs on a fresh workflow built from what was saved.
 */
export async function startWebhookTrigger(options: WebhookHarnessOptions): Promise<WebhookHarness> {
	const pkg = await loadPackage();
	const trigger = pkg.loader.getNode('unifiedTrigger').type;
	const nodeTypes = nodeTypesOf({
		[WEBHOOK_TRIGGER_TYPE]: trigger,
		[NODE_TYPE]: pkg.node,
		[DOWNSTREAM_TYPE]: new PassOn(),
	});
	const { HookContext, WebhookContext, WorkflowExecute, ExecutionLifecycleHooks } =
		core as unknown as {
			HookContext: new (...args: unknown[]) => IHookFunctions;
			WebhookContext: new (...args: unknown[]) => IWebhookFunctions;
			WorkflowExecute: new (...args: unknown[]) => {
				processRunExecutionData(workflow: Workflow): Promise<IRun>;
			};
			ExecutionLifecycleHooks: new (...args: unknown[]) => unknown;
		};

	let parameters = options.parameters;
	let credentials = options.credentials;
	let stored: IDataObject = {};
	const executions: WebhookExecution[] = [];
	const answers: DeliveryAnswer[] = [];
	const running = new Set<Promise<void>>();
	const waiters: Array<() => void> = [];
	let counter = 0;

	const server: Server = createServer((request, response) => {
		void handle(request, response).catch((error: Error) => {
			if (!response.headersSent) {
				response.statusCode = 500;
				response.end(JSON.stringify({ message: error.message }));
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	const nodes = (): INode[] => {
		const triggerNode: INode = {
			id: 'unified-trigger',
			name: WEBHOOK_TRIGGER_NAME,
			type: WEBHOOK_TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			webhookId: WEBHOOK_ID,
			parameters,
			credentials: { [CREDENTIAL_TYPE]: { id: 'cred-1', name: 'Unified simulator' } },
		};
		const after: INode = options.passthrough
			? {
					id: 'passthrough',
					name: DOWNSTREAM_NAME,
					type: NODE_TYPE,
					typeVersion: 1,
					position: [200, 0],
					parameters: options.passthrough,
					credentials: { [CREDENTIAL_TYPE]: { id: 'cred-1', name: 'Unified simulator' } },
				}
			: {
					id: 'pass-on',
					name: DOWNSTREAM_NAME,
					type: DOWNSTREAM_TYPE,
					typeVersion: 1,
					position: [200, 0],
					parameters: {},
				};
		return [triggerNode, after];
	};
	const connections = {
		[WEBHOOK_TRIGGER_NAME]: {
			main: [[{ node: DOWNSTREAM_NAME, type: 'main' as const, index: 0 }]],
		},
	};
	const newWorkflow = () =>
		new Workflow({
			id: WORKFLOW_ID,
			name: 'Harness webhook workflow',
			nodes: nodes(),
			connections,
			active: true,
			nodeTypes,
			staticData: clone(stored),
			settings: { executionOrder: 'v1' },
		});
	const additionalData = (executionId: string): IWorkflowExecuteAdditionalData => {
		const data = harnessAdditionalData(credentials, executionId);
		data.webhookBaseUrl = `${origin}/webhook`;
		data.webhookTestBaseUrl = `${origin}/webhook-test`;
		return data;
	};
	// What n8n's WebhookService derives from the node's webhook description (production, not a test webhook).
	const webhookDataOf = (_workflow: Workflow, data: IWorkflowExecuteAdditionalData): IWebhookData =>
		({
			httpMethod: 'POST',
			node: WEBHOOK_TRIGGER_NAME,
			path: `${WEBHOOK_ID}/webhook`,
			webhookDescription: (trigger as INodeType).description.webhooks![0],
			workflowId: WORKFLOW_ID,
			workflowExecuteAdditionalData: data,
			webhookId: WEBHOOK_ID,
			isTest: false,
		}) as IWebhookData;

	const lifecycle = async (method: 'checkExists' | 'create' | 'delete'): Promise<boolean> => {
		const workflow = newWorkflow();
		const data = additionalData(`harness-hook-${++counter}`);
		const node = workflow.getNode(WEBHOOK_TRIGGER_NAME)!;
		const context = new HookContext(
			workflow,
			node,
			data,
			'trigger',
			'activate',
			webhookDataOf(workflow, data),
		);
		const methods = (trigger as INodeType).webhookMethods!.default!;
		const answer = await methods[method].call(context);
		// n8n saves the workflow's static data after each lifecycle call.
		stored = clone(workflow.staticData as IDataObject);
		return answer;
	};
	const activate = async () => {
		if (!(await lifecycle('checkExists'))) await lifecycle('create');
	};

	const startExecution = (workflow: Workflow, workflowData: INodeExecutionData[][]) => {
		const executionId = `harness-webhook-${++counter}`;
		const workflowBase = {
			id: WORKFLOW_ID,
			name: workflow.name,
			nodes: nodes(),
			connections,
			active: true,
			settings: { executionOrder: 'v1' },
			createdAt: new Date(),
			updatedAt: new Date(),
			isArchived: false,
		} as unknown as IWorkflowBase;
		const hooks = new ExecutionLifecycleHooks('webhook', executionId, workflowBase);
		const data = harnessAdditionalData(credentials, executionId, hooks as never);
		const triggerNode = workflow.getNode(WEBHOOK_TRIGGER_NAME)!;
		const execution = new WorkflowExecute(data, 'webhook', runDataFrom(triggerNode, workflowData))
			.processRunExecutionData(workflow)
			.then((run) => {
				const runData = run.data.resultData.runData;
				executions.push({
					run,
					status: run.status,
					items: workflowData[0] ?? [],
					output: (nodeName) => runData[nodeName]?.[0]?.data?.main?.[0] ?? undefined,
				});
				for (const wake of waiters.splice(0)) wake();
			});
		const tracked = execution.finally(() => running.delete(tracked));
		running.add(tracked);
	};

	async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const body = await readJson(request);
		let answered: { status: number; body: unknown } | undefined;
		const end = response.end.bind(response);
		// Records what the node (or the harness, below) writes on the response.
		response.end = ((chunk?: unknown, ...rest: unknown[]) => {
			const text = typeof chunk === 'string' ? chunk : chunk ? String(chunk) : '';
			let parsed: unknown = text;
			try {
				parsed = JSON.parse(text);
			} catch {
				// not JSON
			}
			answered = { status: response.statusCode, body: parsed };
			return end(chunk as never, ...(rest as never[]));
		}) as ServerResponse['end'];

		const path = (request.url ?? '').split('?')[0];
		if (request.method !== 'POST' || path !== `/webhook/${WEBHOOK_ID}/webhook`) {
			response.statusCode = 404;
			response.end(JSON.stringify({ message: 'The requested webhook is not registered' }));
			answers.push({ ...answered!, started: false });
			return;
		}
		// A delivery runs on the workflow as saved (n8n's live webhooks load it per request).
		const workflow = newWorkflow();
		const data = additionalData(`harness-delivery-${++counter}`);
		const httpRequest = {
			body,
			headers: request.headers,
			params: {},
			query: {},
			method: 'POST',
			url: request.url,
		};
		Object.assign(data, { httpRequest, httpResponse: response });
		const node = workflow.getNode(WEBHOOK_TRIGGER_NAME)!;
		const context = new WebhookContext(
			workflow,
			node,
			data,
			'webhook',
			webhookDataOf(workflow, data),
			[],
			null,
		);
		const result: IWebhookResponseData = await (trigger as INodeType).webhook!.call(context);
		// n8n's webhook helpers: the node answered itself, or there is nothing to run, or answer then run.
		if (result.noWebhookResponse === true) {
			if (!answered) throw new Error('webhook() returned noWebhookResponse without answering');
		}
		if (result.workflowData === undefined) {
			if (!answered) {
				response.statusCode = 200;
				response.setHeader('content-type', 'application/json');
				response.end(
					JSON.stringify(result.webhookResponse ?? { message: 'Webhook call received' }),
				);
			}
			answers.push({ ...answered!, started: false });
			return;
		}
		startExecution(workflow, result.workflowData);
		if (!answered) {
			response.statusCode = 200;
			response.setHeader('content-type', 'application/json');
			response.end(JSON.stringify({ message: 'Workflow was started' }));
		}
		answers.push({ ...answered!, started: true });
	}

	return {
		url: `${origin}/webhook/${WEBHOOK_ID}/webhook`,
		get staticData() {
			return ((stored[`node:${WEBHOOK_TRIGGER_NAME}`] as IDataObject | undefined) ??
				{}) as IDataObject;
		},
		executions,
		answers,
		activate,
		async restart({ publicationService }) {
			if (!publicationService) await activate();
		},
		async deactivate() {
			await lifecycle('delete');
		},
		checkExists: () => lifecycle('checkExists'),
		create: () => lifecycle('create'),
		delete: () => lifecycle('delete'),
		setParameters(next) {
			parameters = next;
		},
		setCredentials(next) {
			credentials = next;
		},
		async post(body) {
			const before = answers.length;
			const response = await fetch(`${origin}/webhook/${WEBHOOK_ID}/webhook`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: typeof body === 'string' ? body : JSON.stringify(body),
			});
			await response.arrayBuffer();
			return answers[before];
		},
		async idle() {
			while (running.size) await Promise.all([...running]);
		},
		waitForExecutions(count, timeoutMs = 10_000) {
			return new Promise((resolve, reject) => {
				const timer = setTimeout(
					() =>
						reject(
							new Error(`waited ${timeoutMs} ms for ${count} executions, saw ${executions.length}`),
						),
					timeoutMs,
				);
				const check = () => {
					if (executions.length >= count) {
						clearTimeout(timer);
						resolve(executions);
					} else waiters.push(check);
				};
				check();
			});
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
