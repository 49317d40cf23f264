import type { UnifiedConnection } from '../call/unifiedApi';

/** Unhealthy when the last failure is newer than the last success (Unified has no status field). */
export function isUnhealthy(connection: UnifiedConnection): boolean {
	const unhealthy = Date.parse(connection.last_unhealthy_at ?? '');
	if (Number.isNaN(unhealthy)) return false;
	const healthy = Date.parse(connection.last_healthy_at ?? '');
	return Number.isNaN(healthy) || unhealthy > healthy;
}

export function integrationName(connection: UnifiedConnection): string {
	return connection.integration_name || connection.integration_type;
}

/** The categories worth showing: passthrough is left out, every connection usable here has it. */
export function shownCategories(connection: UnifiedConnection): string[] {
	return (connection.categories ?? []).filter((category) => category !== 'passthrough');
}

/** "[paused]" / "[unhealthy: 401]" / "[unhealthy]", or '' for a working connection. */
export function connectionStatus(connection: UnifiedConnection): string {
	const parts: string[] = [];
	if (connection.is_paused) parts.push('[paused]');
	if (isUnhealthy(connection)) {
		parts.push(
			connection.last_unhealthy_code
				? `[unhealthy: ${connection.last_unhealthy_code}]`
				: '[unhealthy]',
		);
	}
	return parts.join(' ');
}

/**
 * e.g. "HubSpot – customer-42 [paused]". Short, the customer first: a picked entry shows in a narrow box that cuts
 * off the end, and the status is also on the connection's own page. The ID is in the entry's link
 * (connectionAppUrl); n8n shows no description.
 */
export function connectionLabel(connection: UnifiedConnection): string {
	const status = connectionStatus(connection);
	const name = `${integrationName(connection)} – ${connection.external_xref || connection.id}`;
	return status ? `${name} ${status}` : name;
}

export function matchesFilter(connection: UnifiedConnection, filter: string | undefined): boolean {
	const needle = (filter ?? '').trim().toLowerCase();
	if (!needle) return true;
	return [
		connection.integration_type,
		connection.integration_name,
		connection.id,
		connection.external_xref,
	]
		.filter((field): field is string => typeof field === 'string')
		.some((field) => field.toLowerCase().includes(needle));
}

/** The connection's page in Unified's web app, for the credential's region. */
export function connectionAppUrl(appBase: string | undefined, id: string): string | undefined {
	return appBase ? `${appBase}/connections/${encodeURIComponent(id)}` : undefined;
}
