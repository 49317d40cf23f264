export type UnifiedRegion = 'us' | 'eu' | 'au' | 'custom';

type FixedRegion = Exclude<UnifiedRegion, 'custom'>;

/** Unified.to's data regions: a workspace and its key live in one of them. */
export const REGIONS: Record<FixedRegion, { label: string; apiUrl: string; appUrl: string }> = {
	us: { label: 'US', apiUrl: 'https://api.unified.to', appUrl: 'https://app.unified.to' },
	eu: { label: 'EU', apiUrl: 'https://api-eu.unified.to', appUrl: 'https://app-eu.unified.to' },
	au: { label: 'AU', apiUrl: 'https://api-au.unified.to', appUrl: 'https://app-au.unified.to' },
};

export function isFixedRegion(region: string): region is FixedRegion {
	return Object.hasOwn(REGIONS, region);
}

/** The credential's region options, each showing its API host. */
export const REGION_OPTIONS = [
	...Object.entries(REGIONS).map(([value, region]) => ({
		name: `${region.label} (${new URL(region.apiUrl).host})`,
		value,
	})),
	{ name: 'Custom Base URL', value: 'custom' },
];
