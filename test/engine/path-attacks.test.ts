import { describe, expect, it } from 'vitest';

import { useSimulator } from '../harness/fixture';
import { connectionById } from '../harness/workflow';

// An attacker's view of the path guard: the path (written by an AI agent, or injected into its prompt) and the
// next links (written by a hostile upstream) try to leave /passthrough/conn_acme/ with the workspace key, to
// reach Unified's own API (/unified/connection lists, DELETE removes, connections) or another customer's
// connection, or to set Unified's __domain. Every variant must be refused before anything leaves the node: the
// simulator records every request it receives on any route.
const fixture = useSimulator();

const base = { connection: connectionById('conn_acme'), method: 'GET' };

const leavingThePassthrough = [
	// A malformed escape used to switch the decoded-layer checks off.
	'%FF/%2e%2e/%2e%2e/%2e%2e/unified/connection',
	'%/%2e%2e/%2e%2e/%2e%2e/unified/connection',
	'%zz/%2e%2e/%2e%2e/%2e%2e/unified/connection',
	'%C0%AF/%2e%2e/%2e%2e/unified/connection',
	'v2/%e/%2e%2e/%2e%2e/unified/connection',
	'%FF/%2e%2e/%2e%2e/conn_hubspot/crm/v3/objects/contacts',
	// Dot segments in every spelling.
	'v2/.%2e/.%2E/unified',
	'v2/%2E./%2e./unified',
	'v2/%2e/%2e%2e/unified',
	'%2e%2e',
	'v2/%252e%252e/%252e%252e/unified',
	'v2/%25252e%25252e/x',
	'v2/%2525252e%2525252e/x',
	'v2/%C0%AE%C0%AE/%C0%AE%C0%AE/unified',
	'v2/%E0%80%AE%E0%80%AE/unified',
	'v2/%u002e%u002e/%u002e%u002e/unified',
	'v2/%U002E%U002E/unified',
	'v2/．．/．．/unified',
	'v2/%EF%BC%8E%EF%BC%8E/unified',
	'v2/‥/‥/unified',
	'v2/..;/..;/unified',
	'v2/%2e%2e;x=1/%2e%2e/unified',
	'v2/.. /x',
	'v2/%2e%2e%20/x',
	'v2/%09../x',
	'v2/...',
	'v2%2f..%2f..%2funified',
	'v2/%2e%2e%2f%2e%2e%2funified',
	'v2/%2e%2e%2F%2e%2e%2Funified',
	'v2/..%5c..%5cunified',
	'v2/%2e%2e%5c%2e%2e%5cunified',
	'v2/%EF%BC%8F%2e%2e%EF%BC%8F%2e%2e',
	'%2F%2Fattacker.example/x',
	'v2/%3F__domain=attacker.example',
	// "__domain" as a path parameter (Fastify 4 reads ";" as the start of the query).
	'v2/customers;__domain=attacker.example',
	'v2/customers;__DOMAIN=attacker.example',
	'v2/customers;a=1;__domain=attacker.example',
	'v2/customers;a=1&__domain=attacker.example',
	'v2/customers%3B__domain=attacker.example',
	'v2/customers%3b__domain%3dattacker.example',
	'v2/customers;%5F%5Fdomain=attacker.example',
	'v2/customers;%255F%255Fdomain=attacker.example',
	'v2/customers;_%5Fdomain=attacker.example',
	'v2/customers;＿＿domain=attacker.example',
	'v2/customers; __Domain =attacker.example',
	'v2/customers;__domain[]=attacker.example',
	'v2/customers;__domain',
	'v2/customers;x;__domain=attacker.example/more',
	// Full-width percent escapes: not escapes as written, but NFKC folds them into ones ("％２ｅ" is "%2e"), so a
	// server that folds and then decodes reads "..". Full-width "%", full-width hex, each alone and mixed,
	// double-encoded, and percent-encoded themselves.
	'％２ｅ％２ｅ/％２ｅ％２ｅ/unified/connection',
	'％２Ｅ％２Ｅ/％２Ｅ％２Ｅ/unified/connection',
	'％2e％2e/％2e％2e/unified/connection',
	'%２ｅ%２ｅ/%２ｅ%２ｅ/unified/connection',
	'%2ｅ%２e/％2Ｅ%２E/unified/connection',
	'v2/％２５２ｅ％２５２ｅ/％２５２ｅ％２５２ｅ/unified',
	'v2/%25２ｅ%25２ｅ/%25２ｅ%25２ｅ/unified',
	'v2/％25２ｅ％%32e/x',
	'v2/%EF%BC%852e%EF%BC%852e/%EF%BC%852e%EF%BC%852e/unified/connection',
	'v2/%EF%BC%85%EF%BC%92%EF%BD%85%EF%BC%85%EF%BC%92%EF%BD%85/x',
	'v2/%25EF%25BC%25852e%25EF%25BC%25852e/x',
	'v2％２ｆ％２ｅ％２ｅ％２ｆ％２ｅ％２ｅ％２ｆunified％２ｆconnection',
	'v2/％２ｅ％２ｅ％５ｃ％２ｅ％２ｅ％５ｃunified',
	'v2/％ｕ００２ｅ％ｕ００２ｅ/unified',
	'v2/％ＦＦ/％２ｅ％２ｅ/unified',
	'％２Ｆ％２Ｆattacker.example/x',
	'v2/customers％３Ｆ__domain=attacker.example',
	'v2/customers％３Ｂ％５Ｆ％５Ｆdomain=attacker.example',
	'v2/customers;％５Ｆ％５Ｆdomain=attacker.example',
];

describe('a path that would leave the passthrough is refused before anything is sent', () => {
	it.each(leavingThePassthrough)('%s', async (path) => {
		for (const method of ['GET', 'DELETE']) {
			const result = await fixture.run({ ...base, method, path });
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(/^Parameter "path": /);
			expect(fixture.sim.received).toEqual([]);
		}
	});
});

describe('what stays allowed', () => {
	it.each([
		['files/100%', 'files/100%'],
		['files/100%25', 'files/100%'],
		['files/50%zz', 'files/50%zz'],
		['files/r%C3%A9sum%C3%A9', 'files/résumé'],
		['files/résumé', 'files/résumé'],
		['v2/customers;version=2', 'v2/customers;version=2'],
		['v2/files/a..b', 'v2/files/a..b'],
		['v2/files/.hidden', 'v2/files/.hidden'],
		// Full-width text that folds to no escape, or to one that decodes to something harmless.
		['files/50％', 'files/50％'],
		['files/％２０２４', 'files/％２０２４'],
		['files/Ｒｅｐｏｒｔ', 'files/Ｒｅｐｏｒｔ'],
		['services/data/v62.0/sobjects/Account/', 'services/data/v62.0/sobjects/Account/'],
	])('%s reaches the upstream as %s', async (path, seen) => {
		await fixture.run({ ...base, path });
		expect(fixture.sim.log.map((entry) => entry.path)).toEqual([seen]);
		expect(
			fixture.sim.received.every((line) => line.startsWith('GET /passthrough/conn_acme/')),
		).toBe(true);
	});
});

describe('__domain in a query name spelled with full-width escapes is refused before anything is sent', () => {
	it.each([
		'％５Ｆ％５Ｆdomain',
		'％5f％5fDOMAIN',
		'_%５Ｆdomain',
		'%25５Ｆ%25５Ｆdomain',
		'%EF%BC%855F_domain',
	])('%s', async (name) => {
		const result = await fixture.run({
			...base,
			path: 'v2/customers',
			sendQuery: true,
			queryParameters: { parameters: [{ name, value: 'attacker.example' }] },
		});
		expect(result.error?.message).toMatch(/^Parameter "queryParameters": .*reserved/);
		expect(fixture.sim.received).toEqual([]);
	});
});

const hostileLinks = [
	'%FF/%2e%2e/%2e%2e/%2e%2e/unified/connection',
	'/%FF/%2e%2e/%2e%2e/%2e%2e/%2e%2e/unified/connection',
	'v2/items/%zz/%2e%2e/%2e%2e/%2e%2e/%2e%2e/unified/connection',
	'/v2/%2e%2e/%2e%2e/%2e%2e/unified/connection',
	'/v2/%252e%252e/%252e%252e/unified/connection',
	'/v2/．．/．．/unified/connection',
	'/v2/..;/..;/unified/connection',
	'..%2f..%2f..%2funified%2fconnection',
	'https://api.acme.example/v2/%252e%252e/%252e%252e/unified',
	'https://api.acme.example/v2/items/unsafe-next;__domain=attacker.example',
	'/v2/items/unsafe-next;%5F%5FDomain=attacker.example',
	'/v2/items/unsafe-next?%5F%5Fdomain=attacker.example',
	'/v2/items/unsafe-next?_%255Fdomain=attacker.example',
	'javascript:alert(1)',
	// Full-width percent escapes, in the path and in a query name, as characters and percent-encoded.
	'/v2/％２ｅ％２ｅ/％２ｅ％２ｅ/％２ｅ％２ｅ/unified/connection',
	'https://api.acme.example/v2/％２ｅ％２ｅ/％２ｅ％２ｅ/unified',
	'/v2/%EF%BC%852e%EF%BC%852e/%EF%BC%852e%EF%BC%852e/%EF%BC%852e%EF%BC%852e/unified/connection',
	'/v2/items/unsafe-next?％５Ｆ％５Ｆdomain=attacker.example',
	'/v2/items/unsafe-next?%EF%BC%855F%EF%BC%855Fdomain=attacker.example',
];

describe('a hostile next link is not followed', () => {
	const modes = [
		['nextUrl (body)', { mode: 'nextUrl', nextUrlPath: 'links.next' }, 'body'],
		['linkHeader', { mode: 'linkHeader' }, 'link'],
	] as const;
	describe.each(modes)('%s', (_name, settings, via) => {
		// A header carries bytes, not characters: a non-ASCII link only comes in a body.
		const links =
			via === 'link' ? hostileLinks.filter((link) => /^[\x20-\x7e]*$/.test(link)) : hostileLinks;
		it.each(links)('%s', async (next) => {
			const result = await fixture.run({
				...base,
				path: 'v2/items/unsafe-next',
				sendQuery: true,
				queryParameters: {
					parameters: [
						{ name: 'next', value: next },
						{ name: 'via', value: via },
					],
				},
				options: { pagination: { settings } },
			});
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(
				/^The next page link .* (was not followed|is not an http\(s\) URL)/,
			);
			expect(fixture.sim.received).toHaveLength(1);
			expect(fixture.sim.received[0]).toMatch(
				/^GET \/passthrough\/conn_acme\/v2\/items\/unsafe-next\?/,
			);
		});
	});
});
