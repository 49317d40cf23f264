import { stringifyValue } from './keyValue';
import { isReservedDomainName } from './reservedDomain';
import { ParameterError } from '../errors/parameterError';

export type QueryArrayFormat = 'repeat' | 'brackets' | 'indices' | 'comma';

export type QueryPairs = Array<[string, string]>;

/** Flattens `{name: value}` entries (arrays allowed) into ordered pairs, per the array format. */
export function flattenQuery(
	entries: Array<[string, unknown]>,
	arrayFormat: QueryArrayFormat,
): QueryPairs {
	const pairs: QueryPairs = [];
	for (const [name, value] of entries) {
		if (value === undefined || value === null) continue;
		if (!Array.isArray(value)) {
			pairs.push([name, stringifyValue(value)]);
			continue;
		}
		const items = value.filter((item) => item !== undefined && item !== null).map(stringifyValue);
		if (arrayFormat === 'comma') {
			pairs.push([name, items.join(',')]);
		} else {
			items.forEach((item, index) => {
				const key =
					arrayFormat === 'brackets'
						? `${name}[]`
						: arrayFormat === 'indices'
							? `${name}[${index}]`
							: name;
				pairs.push([key, item]);
			});
		}
	}
	return pairs;
}

/**
 * `__domain` makes Unified send the connection's own upstream credentials to another host. Only the explicit
 * `domain` option may set it; a path or query written by an AI agent (or injected into its prompt) must not.
 */
export function assertNoReservedDomain(pairs: QueryPairs, parameter: string): void {
	for (const [name] of pairs) {
		if (isReservedDomainName(name)) {
			throw new ParameterError(
				parameter,
				`The query parameter "${name}" is reserved by Unified.to; set the upstream domain with the "Domain" option instead`,
			);
		}
	}
}

export function encodeQuery(pairs: QueryPairs): string {
	return pairs
		.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
		.join('&');
}
