import { decodeEscapes } from './percentEscapes';

/**
 * True for a name a server could read as Unified's `__domain` (which sends the connection's own upstream
 * credentials to that host): any case, compatibility forms ("＿＿domain"), and percent-encoded once or more.
 * A prefix match: `__domain[]` and `__domain.x` are parsed as `__domain` by some query parsers.
 */
export function isReservedDomainName(name: string): boolean {
	let layer = name;
	for (let depth = 0; depth < 4; depth++) {
		if (layer.normalize('NFKC').trim().toLowerCase().startsWith('__domain')) return true;
		const next = decodeEscapes(layer, (run) => run);
		if (next === layer) return false;
		layer = next;
	}
	return true;
}
