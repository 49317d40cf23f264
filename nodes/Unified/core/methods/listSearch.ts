import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { OperationFailure } from '../errors/operationFailure';
import { toNodeError } from '../errors/toNodeError';
import { appBaseUrl, type UnifiedCredentials } from '../shared/baseUrl';
import { listConnections, type UnifiedConnection } from '../call/unifiedApi';
import { connectionAppUrl, connectionLabel, matchesFilter } from './connectionLabel';

const PAGE_SIZE = 100;
/** Pages read per call while a search finds too few matches; the token carries on from there. */
const MAX_PAGES_PER_CALL = 20;

export async function searchConnections(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const credentials = (await this.getCredentials('unifiedApi')) as unknown as UnifiedCredentials;
	const appBase = appBaseUrl(credentials);
	let offset = Number(paginationToken ?? 0) || 0;
	const matches: UnifiedConnection[] = [];
	let more = true;
	try {
		// The API cannot search, so filter page by page until a screenful matched or the list ended.
		for (let pages = 0; more && pages < MAX_PAGES_PER_CALL && matches.length < PAGE_SIZE; pages++) {
			const page = await listConnections({ credentials }, { limit: PAGE_SIZE, offset });
			matches.push(...page.filter((connection) => matchesFilter(connection, filter)));
			offset += page.length;
			more = page.length >= PAGE_SIZE;
		}
	} catch (error) {
		throw toNodeError(
			this.getNode(),
			new OperationFailure((error as Error).message, {
				description: 'Check the API key and region in the Unified.to credential.',
			}),
			undefined,
			String(credentials.apiKey ?? ''),
		);
	}
	return {
		results: matches.map((connection) => ({
			name: connectionLabel(connection),
			value: connection.id,
			url: connectionAppUrl(appBase, connection.id),
		})),
		paginationToken: more ? String(offset) : undefined,
	};
}
