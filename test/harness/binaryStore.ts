import './env';

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';

/**
 * Switches n8n's binary data to filesystem mode, as a default n8n instance runs: prepareBinaryData then
 * writes files under the storage path and items carry only an id. Call before the first workflow runs.
 */
export async function useFilesystemBinaryData(storagePath = mkdtempSync(join(tmpdir(), 'n8n-unified-binary-'))): Promise<string> {
	process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
	process.env.N8N_BINARY_DATA_STORAGE_PATH = storagePath;
	await Container.get(BinaryDataService).init();
	return storagePath;
}

export async function storedBinary(id: string): Promise<Buffer> {
	return await Container.get(BinaryDataService).getAsBuffer({ id, data: '', mimeType: '' });
}
