import { everyDecoding } from './percentEscapes';

/**
 * True for a name a server could read as Unified's `__domain` (which sends the connection's own upstream
 * credentials to that host): any case, compatibility forms ("＿＿domain"), and percent-encoded once or more, also
 * in full-width escapes ("％５Ｆ" folds to "%5F").
 * A prefix match: `__domain[]` and `__domain.x` are parsed as `__domain` by some query parsers.
 */
export function isReservedDomainName(name: string): boolean {
	let reserved = false;
	const complete = everyDecoding(
		name,
		3,
		(run) => run,
		(layer) => {
			if (layer.normalize('NFKC').trim().toLowerCase().startsWith('__domain')) reserved = true;
		},
	);
	return reserved || !complete;
}
