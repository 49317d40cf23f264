import './env';

import * as core from 'n8n-core';
import {
	NodeHelpers,
	Workflow,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IPollFunctions,
	type IVersionedNodeType,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import {
	CREDENTIAL_TYPE,
	harnessAdditionalData,
	loadPackage,
	PACKAGE_NAME,
	type RunOptions,
} from './engine';
import { connectionById } from './workflow';

export const TRIGGER_TYPE = `${PACKAGE_NAME}.unifiedPassthroughTrigger`;
const TRIGGER_NAME = 'Trigger';

export interface PollResult {
	/** What the poll emitted (one item per record); null when it returned nothing. */
	items: INodeExecutionData[] | null;
	error?: Error & { description?: string; httpCode?: string };
}

export interface PollerOptions {
	credentials: RunOptions['credentials'];
	parameters: INodeParameters;
	/** n8n 2.x's poll budget, when this n8n-core has one (default: its own 5 minutes). */
	budgetMs?: number;
	/**
	 * n8n 2.x's durable scheduler with durable poll cursors: the activation poll's node state is dropped when it
	 * emits nothing, and each scheduled poll runs on a fresh workflow whose global static data is what n8n saved
	 * (after activation, or with an emission). Without it, polls share the workflow's static data in memory.
	 */
	durableCursors?: boolean;
}

export interface PollOverrides {
	budgetMs?: number;
	/** The poll n8n runs when it activates the workflow (a "testing" poll in n8n-core 2.x). */
	activation?: boolean;
}

export interface Poller {
	/** One poll as n8n runs an active workflow's poll ('trigger' mode), or the editor's Fetch Test Event ('manual'). */
	poll(mode?: WorkflowExecuteMode, overrides?: PollOverrides): Promise<PollResult>;
	/** The node's static data as stored between polls. */
	readonly staticData: IDataObject;
	/** The workflow's global static data as stored between polls. */
	readonly globalStaticData: IDataObject;
	/** Replaces the node's parameters for the following polls (a user editing the node). */
	setParameters(parameters: INodeParameters): void;
	/** Whether this n8n-core stages the static data (2.x) or hands the node the workflow's own (1.x). */
	readonly staged: boolean;
}

function nodeTypes(trigger: INodeType | IVersionedNodeType): INodeTypes {
	return {
		getByName: () => trigger,
		getByNameAndVersion: (type, version) => {
			if (type !== TRIGGER_TYPE) throw new Error(`Unknown node type ${type}`);
			return NodeHelpers.getVersionedNodeType(trigger, version);
		},
		getKnownTypes: () => ({}),
	} as INodeTypes;
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * Drives the trigger's polls through n8n-core's own PollContext and TriggersAndPollers, with the workflow's
 * static data stored between polls as n8n stores it (a JSON copy). On n8n-core 2.x the poll runs in the staging
 * scope: the node's static data is a staged copy, committed only when the poll emits or returns null without
 * error (n8n's poll-cursor-hooks). On 1.x the node writes the active workflow's in-memory static data, which
 * lives on from poll to poll (n8n 1.x writes it to the database only when a poll emits); the harness keeps it
 * after a poll that did not throw, as that in-memory copy does.
 */
export async function createPoller(options: PollerOptions): Promise<Poller> {
	const pkg = await loadPackage();
	const trigger = pkg.loader.getNode('unifiedPassthroughTrigger').type;
	const types = nodeTypes(trigger);
	let stored: IDataObject = {};
	let parameters = options.parameters;
	let counter = 0;
	const { PollContext, TriggersAndPollers } = core as unknown as {
		PollContext: new (...args: unknown[]) => IPollFunctions;
		TriggersAndPollers?: new () => {
			runPollFunction(
				workflow: Workflow,
				node: INode,
				context: IPollFunctions,
			): Promise<INodeExecutionData[][] | null>;
		};
	};
	const hooks = core as unknown as {
		runPollInStagingScope?: <T>(context: IPollFunctions, poll: () => Promise<T>) => Promise<T>;
		commitStagedCursor?: (context: IPollFunctions) => Promise<void>;
	};
	const staged = typeof hooks.runPollInStagingScope === 'function';
	// n8n-core 1.x does not export TriggersAndPollers; its runPoll is a bare `nodeType.poll.call(context)`.
	const pollers = TriggersAndPollers ? new TriggersAndPollers() : undefined;
	const runPoll = async (workflow: Workflow, node: INode, context: IPollFunctions) =>
		pollers
			? await pollers.runPollFunction(workflow, node, context)
			: await (types.getByNameAndVersion(node.type, node.typeVersion) as INodeType).poll!.call(
					context,
				);

	const poll = async (
		mode: WorkflowExecuteMode = 'trigger',
		overrides: PollOverrides = {},
	): Promise<PollResult> => {
		const budgetMs = overrides.budgetMs ?? options.budgetMs;
		const node: INode = {
			id: 'trigger-node',
			name: TRIGGER_NAME,
			type: TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: { connection: connectionById('conn_hubspot'), ...parameters },
			credentials: { [CREDENTIAL_TYPE]: { id: 'cred-1', name: 'Unified simulator' } },
		};
		const workflow = new Workflow({
			id: 'harness-poll-workflow',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes: types,
			staticData: clone(stored),
			settings: { executionOrder: 'v1' },
		});
		const additionalData = harnessAdditionalData(options.credentials, `harness-poll-${++counter}`);
		let emitted: INodeExecutionData[][] | null = null;
		// 2.x: the staged copy of the node's static data, committed by the hand-off.
		let stage: IDataObject | undefined;
		const nodeKey = `node:${TRIGGER_NAME}`;
		const commit = async () => {
			if (stage) stored = { ...stored, [nodeKey]: clone(stage) };
		};
		const context = new PollContext(
			workflow,
			node,
			additionalData,
			mode,
			mode === 'manual' ? 'manual' : 'activate',
			(data: INodeExecutionData[][]) => {
				emitted = data;
				void commit();
			},
			(error: Error) => {
				throw error;
			},
			commit,
			undefined,
			() => (stage ??= clone((stored[nodeKey] as IDataObject | undefined) ?? {})),
			...(budgetMs === undefined ? [] : [() => budgetMs]),
		);
		// n8n-core 2.x's poll-trigger-executor: an activation poll that returns null commits nothing.
		const dropsNullActivation = Boolean(options.durableCursors && overrides.activation);
		try {
			if (staged) {
				await hooks.runPollInStagingScope!(context, async () => {
					const response = await runPoll(workflow, node, context);
					if (response !== null) context.__emit(response);
					else if (mode !== 'manual' && !dropsNullActivation)
						await hooks.commitStagedCursor!(context);
				});
				// n8n saves the global static data after an activation and with an emission; without durable
				// cursors the next poll runs on this same workflow, so whatever it holds lives on.
				if (
					mode !== 'manual' &&
					(!options.durableCursors || overrides.activation || emitted !== null)
				)
					stored = { ...stored, global: clone(workflow.staticData.global ?? {}) };
			} else {
				const response = await runPoll(workflow, node, context);
				if (response !== null) emitted = response;
				// n8n 1.x stores the workflow's static data after a poll; the node's own writes are all there is.
				if (mode !== 'manual') stored = clone(workflow.staticData as IDataObject);
			}
		} catch (error) {
			return { items: null, error: error as PollResult['error'] };
		}
		const items = (emitted as INodeExecutionData[][] | null)?.[0] ?? null;
		return { items };
	};
	return {
		poll,
		get staticData() {
			return ((stored[nodeKeyOf()] as IDataObject | undefined) ?? {}) as IDataObject;
		},
		get globalStaticData() {
			return ((stored.global as IDataObject | undefined) ?? {}) as IDataObject;
		},
		setParameters(next) {
			parameters = next;
		},
		staged,
	};
}

function nodeKeyOf(): string {
	return `node:${TRIGGER_NAME}`;
}

/** The records (json) of a poll's items. */
export function recordsOf(result: PollResult): IDataObject[] {
	return (result.items ?? []).map((item) => item.json);
}
