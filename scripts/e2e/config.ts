import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The n8n release the e2e run installs, and the Node.js major it requires. */
export const N8N_VERSION = '2.41.1';
export const NODE_MAJOR = 24;

export const REPO_ROOT = resolve(__dirname, '../..');

/** Node, n8n and its native SQLite build take minutes to install, so they are kept here between runs. */
export const CACHE_DIR = resolve(
	process.env.N8N_E2E_CACHE ?? join(homedir(), '.cache', 'n8n-nodes-unified-e2e'),
);

export const PACKAGE_NAME = 'n8n-nodes-unified';
export const NODE_TYPE = `${PACKAGE_NAME}.unifiedPassthrough`;
export const CREDENTIAL = {
	id: 'e2eUnifiedCredential',
	name: 'Unified.to account',
	type: 'unifiedApi',
};

/** How a workflow node refers to that credential. */
export const CREDENTIAL_REF = { [CREDENTIAL.type]: { id: CREDENTIAL.id, name: CREDENTIAL.name } };
