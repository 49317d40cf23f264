import { listConnections, type UnifiedConnection } from '../nodes/Unified/core/call/unifiedApi';
import type { UnifiedCredentials } from '../nodes/Unified/core/shared/baseUrl';

const READ_ONLY_PATHS: Record<string, string> = {
	hubspot: 'crm/v3/objects/contacts?limit=3',
	slack: 'conversations.list?limit=3',
	salesforce: 'services/data/v62.0/limits',
	pipedrive: 'v1/users/me',
	zendesk: 'api/v2/users/me.json',
};

/** A harmless GET for well-known integrations; others need UNIFIED_PATH. */
export function defaultReadOnlyPath(integrationType: string | undefined): string | undefined {
	return integrationType ? READ_ONLY_PATHS[integrationType] : undefined;
}

export async function listRealConnections(credentials: {
	apiKey: string;
	region: string;
	baseUrl: string;
}): Promise<UnifiedConnection[]> {
	return listConnections(
		{ credentials: credentials as UnifiedCredentials },
		{ limit: 100, offset: 0 },
	);
}
