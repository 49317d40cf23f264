import './env';

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

import { Container } from '@n8n/di';
import { BinaryDataConfig, BinaryDataService } from 'n8n-core';

/**
 * Switches n8n's binary data to filesystem mode, as a default n8n instance runs: prepareBinaryData then
 * writes files under the storage path and items carry only an id. Call before the first workflow runs.
 */
export async function useFilesystemBinaryData(
	storagePath = mkdtempSync(join(tmpdir(), 'n8n-unified-binary-')),
): Promise<string> {
	process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
	process.env.N8N_BINARY_DATA_STORAGE_PATH = storagePath;
	// n8n reads the environment into its config once; a file before this one in the worker may have read it.
	forgetBinaryDataSetup();
	await Container.get(BinaryDataService).init();
	return storagePath;
}

/**
 * Forgets n8n's binary data config and service: the next use builds them afresh from the environment, as in a
 * new process (until init() runs, binaries travel inline in the items). Run before each engine test file.
 */
export function forgetBinaryDataSetup(): void {
	Container.set<BinaryDataConfig | undefined>(BinaryDataConfig, undefined);
	Container.set<BinaryDataService | undefined>(BinaryDataService, undefined);
}

export async function storedBinary(id: string): Promise<Buffer> {
	return await Container.get(BinaryDataService).getAsBuffer({ id, data: '', mimeType: '' });
}

/**
 * Makes n8n's binary data store fail the way a disk does, for the files written from now on: it reads the
 * first `afterBytes` bytes of each file, then throws `makeError()`. Returns the function that puts the store
 * back as it was.
 */
export function failBinaryWrites(makeError: () => unknown, afterBytes = 64 * 1024): () => void {
	type SetManager = BinaryDataService['setManager'];
	const service = Container.get(BinaryDataService);
	const { mode, managers } = service as unknown as {
		mode: Parameters<SetManager>[0];
		managers: Record<string, Parameters<SetManager>[1]>;
	};
	const previous = managers[mode];
	const failing = {
		async store(_location: unknown, data: Buffer | Readable): Promise<never> {
			let written = 0;
			if (!Buffer.isBuffer(data)) {
				for await (const chunk of data) {
					written += (chunk as Buffer).length;
					if (written >= afterBytes) break;
				}
			}
			throw makeError();
		},
	};
	service.setManager(mode, failing as unknown as Parameters<SetManager>[1]);
	return () => service.setManager(mode, previous);
}

/** The error Node's fs gives when the disk is full. */
export function diskFullError(): NodeJS.ErrnoException {
	return Object.assign(new Error('ENOSPC: no space left on device, write'), {
		errno: -28,
		code: 'ENOSPC',
		syscall: 'write',
	});
}
