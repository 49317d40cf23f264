export type UnifiedRegion = 'us' | 'eu' | 'au' | 'custom';

export interface UnifiedCredentials {
	apiKey: string;
	region?: UnifiedRegion;
	baseUrl?: string;
}

const REGION_API_URLS: Record<Exclude<UnifiedRegion, 'custom'>, string> = {
	us: 'https://api.unified.to',
	eu: 'https://api-eu.unified.to',
	au: 'https://api-au.unified.to',
};

const REGION_APP_URLS: Record<Exclude<UnifiedRegion, 'custom'>, string> = {
	us: 'https://app.unified.to',
	eu: 'https://app-eu.unified.to',
	au: 'https://app-au.unified.to',
};

export class CredentialConfigError extends Error {}

/** The API root for the credential's region, without a trailing slash. */
export function apiBaseUrl(credentials: UnifiedCredentials): string {
	const region = credentials.region ?? 'us';
	if (region !== 'custom') {
		const url = REGION_API_URLS[region];
		if (!url) throw new CredentialConfigError(`Unknown region "${String(region)}" in the Unified.to credential`);
		return url;
	}
	const raw = String(credentials.baseUrl ?? '').trim();
	let parsed: URL;
	try {
		parsed = new URL(raw);
	} catch {
		throw new CredentialConfigError(
			'The Unified.to credential uses a custom base URL, but "Base URL" is not a valid http(s) URL',
		);
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		throw new CredentialConfigError('The custom "Base URL" of the Unified.to credential must start with http:// or https://');
	}
	if (parsed.search || parsed.hash || parsed.username || parsed.password) {
		throw new CredentialConfigError(
			'The custom "Base URL" of the Unified.to credential must not contain a query, fragment or user info',
		);
	}
	return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
}

/** The web app for the region (used for "open in Unified" links); undefined for a custom base URL. */
export function appBaseUrl(credentials: UnifiedCredentials): string | undefined {
	const region = credentials.region ?? 'us';
	return region === 'custom' ? undefined : REGION_APP_URLS[region];
}
