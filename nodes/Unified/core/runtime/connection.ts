import { integrationName, shownCategories } from '../methods/connectionLabel';
import { ParameterError } from '../errors/parameterError';
import type { UnifiedCredentials } from '../shared/baseUrl';
import type { DispatcherSettings } from '../transport/dispatcher';
import { listConnections, type UnifiedConnection } from '../call/unifiedApi';

/** The `connection` resource locator as saved: `{ __rl, mode, value }`, or a bare id from older or hand-written workflows. */
export type ConnectionParameter = { mode?: string; value?: unknown } | string | undefined;

/** Looks up connections by external xref (optionally within a category). */
export type XrefLookup = (externalXref: string, category: string) => Promise<UnifiedConnection[]>;

// Unified's ids are letters, digits, "-" and "_". Anything else is refused: "." or ".." would be resolved as a
// dot segment by the URL parser and take the request out of /passthrough/<id>/ (e.g. to /unified/connection).
const CONNECTION_ID = /^[A-Za-z0-9_-]+$/;

/** The connection id as the resource locator gave it (list or id mode), or as an xref lookup found it. */
export function requireConnectionId(value: unknown): string {
	const id = String(value ?? '').trim();
	if (!id) throw new ParameterError('connection', 'Choose a connection or give its ID');
	if (!CONNECTION_ID.test(id)) {
		throw new ParameterError(
			'connection',
			`"${id.slice(0, 80)}" is not a connection ID: it may contain only letters, digits, "-" and "_"`,
		);
	}
	return id;
}

function describe(connection: UnifiedConnection): string {
	const categories = shownCategories(connection);
	return `${connection.id} (${integrationName(connection)}${categories.length ? `: ${categories.join(', ')}` : ''})`;
}

export function pickXrefMatch(
	externalXref: string,
	category: string,
	found: UnifiedConnection[],
): string {
	// Filter here too: the category query parameter narrows on Unified's side, but an exact match is what counts.
	const matches = found.filter(
		(connection) =>
			connection.external_xref === externalXref &&
			(!category || (connection.categories ?? []).includes(category)),
	);
	const within = category ? ` in category "${category}"` : '';
	if (matches.length === 1) return requireConnectionId(matches[0].id);
	if (matches.length === 0) {
		throw new ParameterError(
			'connection',
			`No Unified.to connection has the external xref "${externalXref}"${within}. Check the xref (it is case-sensitive), or have the customer connect the integration first.`,
		);
	}
	const listed = matches.slice(0, 5).map(describe).join(', ');
	throw new ParameterError(
		'connection',
		`The external xref "${externalXref}"${within} matches ${matches.length} connections: ${listed}${matches.length > 5 ? ', ...' : ''}. ` +
			(category
				? 'Choose the connection by ID instead.'
				: 'Set the "Connection Category" option (e.g. crm or messaging) to pick one, or choose the connection by ID.'),
	);
}

/** Resolves xrefs once per execution: every item asking for the same xref and category shares one lookup. */
export function cachedXrefResolver(
	lookup: XrefLookup,
): (externalXref: string, category: string) => Promise<string> {
	const cache = new Map<string, Promise<string>>();
	return (externalXref, category) => {
		const key = `${externalXref}\u0000${category}`;
		let resolved = cache.get(key);
		if (!resolved) {
			resolved = lookup(externalXref, category).then((found) =>
				pickXrefMatch(externalXref, category, found),
			);
			cache.set(key, resolved);
		}
		return resolved;
	};
}

/** `GET /unified/connection?external_xref=...` (the first page is enough: more than one match is already an error). */
export function unifiedXrefLookup(
	credentials: UnifiedCredentials,
	signal?: AbortSignal,
	dispatcherSettings?: DispatcherSettings,
): XrefLookup {
	return async (externalXref, category) =>
		await listConnections(
			{ credentials, signal, dispatcherSettings },
			{ limit: 100, offset: 0, externalXref, categories: category ? [category] : [] },
		);
}

/** The connection id for one item, whatever mode the locator is in. */
export async function resolveConnectionId(
	parameter: ConnectionParameter,
	category: string,
	resolveXref: (externalXref: string, category: string) => Promise<string>,
): Promise<string> {
	if (typeof parameter !== 'object' || parameter === null) return requireConnectionId(parameter);
	if (parameter.mode !== 'externalXref') return requireConnectionId(parameter.value);
	const externalXref = String(parameter.value ?? '').trim();
	if (!externalXref)
		throw new ParameterError('connection', "Give the external xref of the customer's connection");
	return await resolveXref(externalXref, category.trim());
}
