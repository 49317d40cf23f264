import { isFixedRegion, REGIONS, type UnifiedRegion } from './regions';

export interface UnifiedCredentials {
	apiKey: string;
	region?: UnifiedRegion;
	baseUrl?: string;
}

/** The API root for the credential's region, without a trailing slash. */
export function apiBaseUrl(credentials: UnifiedCredentials): string {
	const region = credentials.region ?? 'us';
	if (isFixedRegion(region)) return REGIONS[region].apiUrl;
	if (region !== 'custom')
		throw new Error(`Unknown region "${String(region)}" in the Unified.to credential`);
	const raw = String(credentials.baseUrl ?? '').trim();
	let parsed: URL;
	try {
		parsed = new URL(raw);
	} catch {
		throw new Error(
			'The Unified.to credential uses a custom base URL, but "Base URL" is not a valid http(s) URL',
		);
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		throw new Error(
			'The custom "Base URL" of the Unified.to credential must start with http:// or https://',
		);
	}
	if (parsed.search || parsed.hash || parsed.username || parsed.password) {
		throw new Error(
			'The custom "Base URL" of the Unified.to credential must not contain a query, fragment or user info',
		);
	}
	return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
}

/** The web app for the region (used for "open in Unified" links); undefined for a custom base URL. */
export function appBaseUrl(credentials: UnifiedCredentials): string | undefined {
	const region = credentials.region ?? 'us';
	return isFixedRegion(region) ? REGIONS[region].appUrl : undefined;
}
