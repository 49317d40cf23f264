import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createReadStream, rmSync } from 'node:fs';
import { join } from 'node:path';

import { fileSha256 } from '../../test/simulator/data';
import { CREDENTIAL_REF, NODE_TYPE } from './config';
import { output } from './cases';
import type { N8nCli, WorkflowJson } from './n8n';

const MB = 1024 * 1024;
const DOWNLOAD_PATH = '/files/download/';

export type Client = 'passthrough' | 'httpRequest';

export interface MemoryCase {
	id: string;
	client: Client;
	sizeMb: number;
	workflow: WorkflowJson;
}

export interface MemoryResult {
	client: Client;
	sizeMb: number;
	/** Peak RSS after the download request started, minus RSS at that moment. */
	growthMb: number;
	baselineMb: number;
	downloadMs: number;
	processMs: number;
	peakSource: string;
}

export const CLIENT_LABEL: Record<Client, string> = {
	passthrough: 'Unified.to Passthrough',
	httpRequest: 'HTTP Request 4.2',
};

function downloadNode(
	client: Client,
	size: number,
	sim: { baseUrl: string; apiKey: string },
): WorkflowJson['nodes'][number] {
	const position = [300, 0];
	const path = `files/download/big.bin?size=${size}`;
	if (client === 'passthrough') {
		return {
			id: 'download',
			name: 'Download',
			type: NODE_TYPE,
			typeVersion: 1,
			position,
			parameters: {
				connection: { __rl: true, mode: 'id', value: 'conn_acme' },
				method: 'GET',
				path,
			},
			credentials: CREDENTIAL_REF,
		};
	}
	// n8n's own HTTP Request node calling the same simulator route directly, its answer stored as a file.
	return {
		id: 'download',
		name: 'Download',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position,
		parameters: {
			url: `${sim.baseUrl}/passthrough/conn_acme/${path}`,
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${sim.apiKey}` }] },
			options: { response: { response: { responseFormat: 'file' } } },
		},
	};
}

/** One workflow per client and size; ours and the HTTP Request node alternate, so drift in the machine's load hits both. */
export function memoryCases(
	sizesMb: number[],
	sim: { baseUrl: string; apiKey: string },
): MemoryCase[] {
	return sizesMb.flatMap((sizeMb) =>
		(['passthrough', 'httpRequest'] as const).map((client) => {
			const id = `e2eMem${client === 'passthrough' ? 'Ours' : 'Http'}${sizeMb}`;
			return {
				id,
				client,
				sizeMb,
				workflow: {
					id,
					name: `memory: ${sizeMb} MB download via ${CLIENT_LABEL[client]}`,
					nodes: [
						{
							id: 'start',
							name: 'Start',
							type: 'n8n-nodes-base.manualTrigger',
							typeVersion: 1,
							position: [0, 0],
							parameters: {},
						},
						downloadNode(client, sizeMb * MB, sim),
					],
					connections: { Start: { main: [[{ node: 'Download', type: 'main', index: 0 }]] } },
					settings: {},
				},
			};
		}),
	);
}

async function sha256OfFile(path: string): Promise<string> {
	const hash = createHash('sha256');
	for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
	return hash.digest('hex');
}

/** Runs one download in a fresh n8n process; checks the stored file byte for byte, then deletes it. */
export async function runMemoryCase(n8n: N8nCli, memoryCase: MemoryCase): Promise<MemoryResult> {
	const execution = await n8n.execute(memoryCase.id, { E2E_RSS_MARK: DOWNLOAD_PATH });
	assert.ok(execution.run, `no run data\n${execution.output.slice(-2000)}`);
	assert.equal(execution.run.status, 'success', execution.output.slice(-2000));
	const [item] = output(execution.run, 'Download');
	const binary = item.binary?.data;
	const size = memoryCase.sizeMb * MB;
	assert.equal(binary?.bytes, size);
	assert.equal(binary?.data, 'filesystem-v2', 'filesystem binary data mode');
	const [, fileId] = String(binary?.id).split(':');
	const stored = join(n8n.userFolder, '.n8n', 'storage', fileId);
	assert.equal(
		await sha256OfFile(stored),
		fileSha256(size),
		'the stored file differs from what the simulator sent',
	);
	rmSync(stored, { force: true });
	const memory = execution.probe?.memory;
	assert.ok(memory, 'the probe saw no download request');
	return {
		client: memoryCase.client,
		sizeMb: memoryCase.sizeMb,
		growthMb: (memory.peakSinceMark - memory.atMark.rss) / MB,
		baselineMb: memory.atMark.rss / MB,
		downloadMs: execution.run.data.resultData.runData.Download[0].executionTime,
		processMs: execution.processMs,
		peakSource: memory.peakSource,
	};
}
