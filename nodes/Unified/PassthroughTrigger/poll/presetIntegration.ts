import { integrationName } from '../../core/methods/connectionLabel';
import type { UnifiedConnection } from '../../core/call/unifiedApi';

/** The presets that speak one upstream's API, by Unified's `integration_type`, with the name the user sees. */
const PRESETS: Record<string, string> = {
	hubspot: 'HubSpot',
	salesforce: 'Salesforce',
	slack: 'Slack',
};

/** "HubSpot" for a preset that needs one integration; undefined for one that works with any (custom). */
export function presetLabel(preset: string): string | undefined {
	return Object.prototype.hasOwnProperty.call(PRESETS, preset) ? PRESETS[preset] : undefined;
}

/** The preset made for this connection's integration, if any: `slack` for a Slack connection. */
export function presetOf(connection: UnifiedConnection): string | undefined {
	const type = String(connection.integration_type ?? '').toLowerCase();
	return presetLabel(type) ? type : undefined;
}

/**
 * Undefined when the preset can work with the connection: it needs no particular integration, Unified did not
 * say which integration the connection is, or they agree. Else "Slack (conn_1, customer-42)", for the message.
 */
export function mismatchedConnection(
	preset: string,
	connection: UnifiedConnection,
): string | undefined {
	if (!presetLabel(preset)) return undefined;
	const type = String(connection.integration_type ?? '').toLowerCase();
	if (!type || type === preset) return undefined;
	const names = [connection.id, connection.external_xref].filter(Boolean).join(', ');
	return `${integrationName(connection)} (${names})`;
}
