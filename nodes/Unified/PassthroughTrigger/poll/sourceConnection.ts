import { ParameterError } from '../../core/errors';
import { mismatchedConnection, presetLabel, presetOf } from './presetIntegration';
import type { UnifiedConnection } from '../../core/call/unifiedApi';

/**
 * Refuses a Source made for one integration on a connection of another, before any passthrough call: Slack's
 * answer to a HubSpot search ("ok: false: unknown_method") does not say that the two disagree.
 */
export async function assertSourceFitsConnection(
	source: string,
	connectionId: string,
	lookup: (id: string) => Promise<UnifiedConnection>,
): Promise<void> {
	const wanted = presetLabel(source);
	if (!wanted) return;
	const connection = await lookup(connectionId);
	const mismatch = mismatchedConnection(source, connection);
	if (!mismatch) return;
	const fitting = presetOf(connection);
	const otherSource = fitting ? `the ${presetLabel(fitting)} source` : 'the Custom Endpoint source';
	throw new ParameterError(
		'source',
		`Source is ${wanted} but the connection is ${mismatch}: pick ${otherSource} or a ${wanted} connection`,
	);
}
