import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core's InstanceSettings writes an encryption key under N8N_USER_FOLDER when it is first imported, so
// this module must be imported before n8n-core.
if (!process.env.N8N_USER_FOLDER)
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'n8n-unified-'));
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
process.env.N8N_RUNNERS_ENABLED ??= 'false';
