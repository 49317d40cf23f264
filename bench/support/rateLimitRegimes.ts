import type { RateLimitOptions } from '../../test/simulator';

/** One rate-limit regime of issue 11's targets: an upstream's limit, and the executions sent at it at once. */
export interface RateLimitRegime {
	name: string;
	limit: Required<Pick<RateLimitOptions, 'rate' | 'burst' | 'latencyMs' | 'style'>>;
	/** Items of each execution; the executions run at once on the one connection. */
	executions: number[];
}

export const RATE_LIMIT_REGIMES: RateLimitRegime[] = [
	{
		name: '20/s burst 20, HubSpot 429s (no Retry-After), 300 items',
		limit: { rate: 20, burst: 20, latencyMs: 100, style: 'hubspot' },
		executions: [300],
	},
	{
		name: '20/s burst 20, Retry-After: 1, 300 items',
		limit: { rate: 20, burst: 20, latencyMs: 100, style: 'retryAfter' },
		executions: [300],
	},
	{
		name: '20/s burst 20, bare 429s (no pace headers), 300 items',
		limit: { rate: 20, burst: 20, latencyMs: 100, style: 'bare' },
		executions: [300],
	},
	{
		name: '100/s burst 100, HubSpot 429s, 1,000 items',
		limit: { rate: 100, burst: 100, latencyMs: 100, style: 'hubspot' },
		executions: [1000],
	},
	{
		name: '20/s burst 20, HubSpot 429s, two executions of 150 items at once',
		limit: { rate: 20, burst: 20, latencyMs: 100, style: 'hubspot' },
		executions: [150, 150],
	},
];

/** The least time the upstream allows: the burst at once, then one call per token. */
export function floorSeconds(regime: RateLimitRegime): number {
	const items = regime.executions.reduce((sum, count) => sum + count, 0);
	return Math.max(0, items - regime.limit.burst) / regime.limit.rate;
}

export interface RegimeResult {
	itemsOk: number;
	items: number;
	rejected: number;
	calls: number;
	maxInFlight: number;
	seconds: number;
}

export function formatRegime(regime: RateLimitRegime, result: RegimeResult): string {
	const floor = floorSeconds(regime);
	return [
		`  ${regime.name}`,
		`    items ok ${result.itemsOk}/${result.items}, 429s ${result.rejected}, calls ${result.calls}, peak in flight ${result.maxInFlight},`,
		`    time ${result.seconds.toFixed(1)} s, floor ${floor.toFixed(1)} s, time/floor ${(result.seconds / floor).toFixed(2)}`,
	].join('\n');
}
