import { NodeOperationError, type ILoadOptionsFunctions, type INodeListSearchResult } from 'n8n-workflow';

import type { UnifiedCredentials } from '../shared/baseUrl';
import { listConnections, type UnifiedConnection } from '../transport/unifiedApi';

const PAGE_SIZE = 100;

export function connectionLabel(connection: UnifiedConnection): string {
	const integration = connection.integration_name || connection.integration_type;
	const categories = (connection.categories ?? []).filter((category) => category !== 'passthrough');
	const parts = [integration];
	if (categories.length) parts.push(`(${categories.join(', ')})`);
	parts.push(`– ${connection.external_xref || connection.id}`);
	if (connection.is_paused) parts.push('[paused]');
	return parts.join(' ');
}

export function matchesFilter(connection: UnifiedConnection, filter: string | undefined): boolean {
	const needle = (filter ?? '').trim().toLowerCase();
	if (!needle) return true;
	return [connection.integration_type, connection.integration_name, connection.id, connection.external_xref]
		.filter((field): field is string => typeof field === 'string')
		.some((field) => field.toLowerCase().includes(needle));
}

export async function searchConnections(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const credentials = (await this.getCredentials('unifiedApi')) as unknown as UnifiedCredentials;
	const offset = Number(paginationToken ?? 0) || 0;
	let page: UnifiedConnection[];
	try {
		page = await listConnections(credentials, { limit: PAGE_SIZE, offset });
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, {
			description: 'Check the API key and region in the Unified.to credential.',
		});
	}
	return {
		results: page.filter((connection) => matchesFilter(connection, filter)).map((connection) => ({
			name: connectionLabel(connection),
			value: connection.id,
		})),
		paginationToken: page.length < PAGE_SIZE ? undefined : String(offset + PAGE_SIZE),
	};
}
