import './env';

import { resolve } from 'node:path';

import {
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	PackageDirectoryLoader,
	WorkflowExecute,
} from 'n8n-core';
import {
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IDataObject,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IVersionedNodeType,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type IConnections,
	type ILoadOptionsFunctions,
} from 'n8n-workflow';

import { startRun } from './compat';
import {
	credentialPolicyOf,
	isCredentialUsableByNode,
	type CredentialPolicy,
} from './credentialPolicy';

import { HarnessAgent, HarnessHttpRequest, HarnessTrigger } from './stubNodes';

/** The package as n8n loads it; test:compat points this at a copy installed next to n8n 1.x. */
export const PACKAGE_ROOT = process.env.N8N_COMPAT_PACKAGE_ROOT ?? resolve(__dirname, '../..');
export const PACKAGE_NAME = 'n8n-nodes-unified';
export const NODE_TYPE = `${PACKAGE_NAME}.unifiedPassthrough`;
export const CREDENTIAL_TYPE = 'unifiedApi';
/** The harness's stand-in for n8n 2.x's AI Agent (see HarnessAgent). */
export const AGENT_TYPE = 'harness.agent';
/** n8n's HTTP Request node type, which n8n-core lets read any credential unless the credential is restricted. */
export const HTTP_REQUEST_TYPE = 'n8n-nodes-base.httpRequest';

export interface LoadedPackage {
	loader: PackageDirectoryLoader;
	node: INodeType | IVersionedNodeType;
	credential: ICredentialType;
}

let loaded: Promise<LoadedPackage> | undefined;
/** n8n's rule for who may decrypt the credential, from the package as loaded (see credentialPolicy.ts). */
let credentialPolicy: CredentialPolicy | undefined;

/**
 * Forgets what the package's per-connection flow controllers learned (they live for the process, shared by every
 * execution, as in n8n): for tests whose faults must not slow the next test on the same connection. The module
 * is the one n8n's loader required from dist/, so this reaches the same registry.
 */
export function forgetFlowControl(root: string = PACKAGE_ROOT): void {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const registry = require(resolve(root, 'dist/nodes/Unified/core/transport/flow/registry.js')) as {
		forgetAllConnections(): void;
	};
	registry.forgetAllConnections();
}

/** Loads the built package from dist/ exactly as n8n does: package.json's `n8n` section decides what loads. */
export function loadPackage(root: string = PACKAGE_ROOT): Promise<LoadedPackage> {
	const load = async () => {
		const loader = new PackageDirectoryLoader(root);
		await loader.loadAll();
		// Only the package under test sets the policy: a copy loaded from elsewhere (package-loading.test.ts)
		// must not change it for the files that run after it in the same worker.
		if (root === PACKAGE_ROOT)
			credentialPolicy = credentialPolicyOf(loader, PACKAGE_NAME, CREDENTIAL_TYPE);
		return {
			loader,
			node: loader.getNode('unifiedPassthrough').type,
			credential: loader.getCredential(CREDENTIAL_TYPE).type,
		};
	};
	if (root !== PACKAGE_ROOT) return load();
	return (loaded ??= load());
}

class HarnessCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		return (
			credentialType !== CREDENTIAL_TYPE || isCredentialUsableByNode(credentialPolicy, nodeType)
		);
	}

	async authenticate(
		_credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return requestOptions;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by the harness');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const credentials = this.data[type];
		if (!credentials) throw new Error(`The harness has no credentials of type ${type}`);
		return credentials;
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(): INodeProperties[] {
		return [];
	}
}

/**
 * What an AI Agent's tool slot holds: n8n's loader derives "<name>Tool" from a `usableAsTool` node (that is
 * what shows the `@tool` parameters). The harness keeps its main input and output and runs it as an
 * ordinary node, as n8n 2.x's engine does when an agent calls a tool.
 */
function toolVariant(node: INodeType): INodeType {
	const tool = Object.create(node) as INodeType;
	tool.description = {
		...node.description,
		name: `${node.description.name}Tool`,
		displayName: `${node.description.displayName} Tool`,
	};
	return tool;
}

function nodeTypesFor(pkg: LoadedPackage): INodeTypes {
	const trigger = new HarnessTrigger();
	const byName: Record<string, INodeType | IVersionedNodeType> = {
		[NODE_TYPE]: pkg.node,
		[`${NODE_TYPE}Tool`]: toolVariant(pkg.node as INodeType),
		'n8n-nodes-base.manualTrigger': trigger,
		'n8n-nodes-base.scheduleTrigger': trigger,
		// Example workflows start from a form; their pinned submissions stand in for it, as in n8n's editor.
		'n8n-nodes-base.formTrigger': trigger,
		// A polled execution starts from what the poll emitted (pinned); test/harness/poll.ts runs the poll itself.
		[`${NODE_TYPE}Trigger`]: trigger,
		[AGENT_TYPE]: new HarnessAgent(),
		[HTTP_REQUEST_TYPE]: new HarnessHttpRequest(),
	};
	return {
		getByName: (type) => byName[type],
		getByNameAndVersion: (type, version) => {
			const nodeType = byName[type];
			if (!nodeType)
				throw new Error(
					`Unknown node type ${type} (the harness knows ${Object.keys(byName).join(', ')})`,
				);
			return NodeHelpers.getVersionedNodeType(nodeType, version);
		},
		getKnownTypes: () => ({}),
	} as INodeTypes;
}

export interface WorkflowDefinition {
	name?: string;
	nodes: INode[];
	connections: IConnections;
	pinData?: Record<string, INodeExecutionData[]>;
}

export interface RunOptions {
	credentials: { apiKey: string; region?: string; baseUrl?: string };
	/** Called with the running execution, e.g. to cancel it. */
	onStart?: (execution: { cancel: () => void }) => void;
}

export interface RunResult {
	run: IRun;
	status: IRun['status'];
	/** The main output of a node's first run (undefined if it did not run). */
	output(nodeName: string): INodeExecutionData[] | undefined;
	/** The execution's error, if it failed. */
	error:
		| (Error & IDataObject & { description?: string; httpCode?: string; context?: IDataObject })
		| undefined;
}

let executionCounter = 0;

export function harnessAdditionalData(
	credentials: RunOptions['credentials'],
	executionId: string,
	hooks?: ExecutionLifecycleHooks,
) {
	return {
		hooks,
		credentialsHelper: new HarnessCredentialsHelper({
			[CREDENTIAL_TYPE]: { region: 'custom', ...credentials },
		}),
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		variables: {},
		executeWorkflow: async () => {
			throw new Error('not supported in the harness');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => undefined,
		startRunnerTask: async () => {
			throw new Error('not supported in the harness');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

/**
 * n8n-core's context for a node's load-options / list-search methods (what the editor calls when the user
 * opens the connection list), for a Passthrough node with the given parameters and credential.
 */
export async function loadOptionsContext(
	credentials: RunOptions['credentials'],
	parameters: INode['parameters'] = {},
	/** 'trigger': the Passthrough Trigger's own methods (its objects, properties and channels lists). */
	nodeKind: 'action' | 'trigger' = 'action',
): Promise<ILoadOptionsFunctions> {
	const pkg = await loadPackage();
	const type = nodeKind === 'trigger' ? `${NODE_TYPE}Trigger` : NODE_TYPE;
	const harnessTypes = nodeTypesFor(pkg);
	// The harness runs the trigger's executions from pinned data; the editor's lists need the real description.
	const realTrigger = pkg.loader.getNode('unifiedPassthroughTrigger').type;
	const nodeTypes: INodeTypes =
		nodeKind === 'trigger'
			? {
					...harnessTypes,
					getByName: (name) => (name === type ? realTrigger : harnessTypes.getByName(name)),
					getByNameAndVersion: (name, version) =>
						name === type
							? NodeHelpers.getVersionedNodeType(realTrigger, version)
							: harnessTypes.getByNameAndVersion(name, version),
				}
			: harnessTypes;
	const node: INode = {
		id: 'node-0',
		name: 'Passthrough',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: 'cred-1', name: 'Unified simulator' } },
	};
	const workflow = new Workflow({
		id: 'harness-load-options',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		settings: { executionOrder: 'v1' },
	});
	return new LoadOptionsContext(
		workflow,
		node,
		harnessAdditionalData(credentials, 'harness-load-options'),
		'parameters.connection',
	);
}

/** Runs a workflow through n8n-core's WorkflowExecute, with the package loaded from dist/. */
export async function runWorkflow(
	definition: WorkflowDefinition,
	options: RunOptions,
): Promise<RunResult> {
	const pkg = await loadPackage();
	const nodeTypes = nodeTypesFor(pkg);
	const executionId = `harness-${++executionCounter}`;
	const workflowData: IWorkflowBase = {
		id: 'harness-workflow',
		name: definition.name ?? 'Harness workflow',
		nodes: definition.nodes,
		connections: definition.connections,
		active: false,
		settings: { executionOrder: 'v1' },
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
	} as IWorkflowBase;
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes: definition.nodes,
		connections: definition.connections,
		active: false,
		nodeTypes,
		settings: { executionOrder: 'v1' },
	});
	const hooks = new ExecutionLifecycleHooks('manual', executionId, workflowData);
	const additionalData = harnessAdditionalData(options.credentials, executionId, hooks);

	const execution = startRun(
		new WorkflowExecute(additionalData, 'manual'),
		workflow,
		definition.pinData,
	);
	options.onStart?.({ cancel: () => execution.cancel() });
	const run = await execution;
	const runData = run.data.resultData.runData;
	return {
		run,
		status: run.status,
		output: (nodeName) => runData[nodeName]?.[0]?.data?.main?.[0] ?? undefined,
		error: run.data.resultData.error as RunResult['error'],
	};
}
