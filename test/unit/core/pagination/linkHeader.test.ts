import { describe, expect, it } from 'vitest';

import { nextLink } from '../../../../nodes/Unified/core/pagination/linkHeader';

const MB = 1024 * 1024;

describe('nextLink', () => {
	it('finds rel=next among several links and headers, quoted, unquoted and multi-valued', () => {
		expect(nextLink('<https://a/1>; rel="prev", <https://a/3>; rel="next"')).toBe('https://a/3');
		expect(nextLink(['<https://a/1>; rel=first', '<https://a/2>; title="x, y"; rel=next'])).toBe(
			'https://a/2',
		);
		expect(nextLink('</items?page=2>; rel="next last"')).toBe('/items?page=2');
		expect(nextLink('<https://a/2>;rel=NEXT')).toBe('https://a/2');
		expect(nextLink('< https://a/2 > ; REL = "next"')).toBe('https://a/2');
	});

	it('finds nothing when no link is rel=next', () => {
		expect(nextLink('<https://a/1>; rel="prev"')).toBeUndefined();
		expect(nextLink('<https://a/1>; title="rel=next"')).toBeUndefined();
		expect(nextLink('<https://a/1>; rel="nextpage"')).toBeUndefined();
		expect(nextLink(undefined)).toBeUndefined();
		expect(nextLink('')).toBeUndefined();
		expect(nextLink([])).toBeUndefined();
	});

	it('reads quoted parameters with commas, semicolons, angle brackets and escapes', () => {
		expect(nextLink('<https://a/1>; title="a, <b>; c", <https://a/2>; rel=next')).toBe(
			'https://a/2',
		);
		expect(nextLink('<https://a/1>; title="say \\"hi\\", ok"; rel="next"')).toBe('https://a/1');
		expect(nextLink('<https://a/1>; rel="n\\ext"')).toBe('https://a/1');
	});

	it('takes the first rel of a link, as RFC 8288 says', () => {
		expect(nextLink('<https://a/1>; rel=prev; rel=next')).toBeUndefined();
		expect(nextLink('<https://a/1>; rel=next; rel=prev')).toBe('https://a/1');
	});

	it('opens the target at the last < before its >, as a URI cannot hold one', () => {
		expect(nextLink('<<<https://a/2>; rel=next')).toBe('https://a/2');
		expect(nextLink(`${'<'.repeat(1000)}, <https://a/1>; rel=prev, <https://a/2>; rel=next`)).toBe(
			'https://a/2',
		);
	});

	it('keeps commas and semicolons inside the target', () => {
		expect(nextLink('<https://a/items?ids=1,2;3>; rel="next"')).toBe('https://a/items?ids=1,2;3');
	});

	it('gets through malformed headers without a link to give', () => {
		expect(nextLink('<https://a/1; rel="next"')).toBeUndefined();
		expect(nextLink('https://a/1>; rel="next"')).toBeUndefined();
		expect(nextLink(';;; , ,, rel=next')).toBeUndefined();
	});

	// With a backtracking pattern the run of < alone takes about 10 s at 100 KB and grows with the square of the
	// length; a linear scan reads each of these 1 MB headers at once.
	it.each([
		['a run of <', '<'.repeat(MB), undefined],
		['a run of < before a real link', `${'<'.repeat(MB)}https://a/2>; rel=next`, 'https://a/2'],
		['empty links', '<>'.repeat(MB / 2), undefined],
		['a run of ;', `<https://a/1>${';'.repeat(MB)}rel=next`, 'https://a/1'],
		['a run of quotes', `<https://a/1>; rel=${'"'.repeat(MB)}`, undefined],
		['a run of spaces', `<https://a/1>; rel=${' '.repeat(MB)}next`, 'https://a/1'],
		['links that never close', '<a, '.repeat(MB / 4), undefined],
		['unterminated quoted strings', '<a>; t="<b>; t="'.repeat(MB / 16), undefined],
	])('reads 1 MB of %s', (_label, header, expected) => {
		expect(header.length).toBeGreaterThanOrEqual(MB);
		expect(nextLink(header)).toBe(expected);
	});

	it('finds the next link at the end of a 1 MB header', () => {
		const header = `${'<https://a/0>; rel="prev", '.repeat(MB / 32)}<https://a/2>; rel="next"`;
		expect(header.length).toBeGreaterThan(MB / 2);
		expect(nextLink(header)).toBe('https://a/2');
	});
});

describe('Link header parsing', () => {
	it('finds rel=next among several links, headers, unquoted and multi-valued rels', () => {
		expect(nextLink('<https://a/1>; rel="prev", <https://a/3>; rel="next"')).toBe('https://a/3');
		expect(nextLink(['<https://a/1>; rel=first', '<https://a/2>; title="x, y"; rel=next'])).toBe(
			'https://a/2',
		);
		expect(nextLink('</items?page=2>; rel="next last"')).toBe('/items?page=2');
		expect(nextLink('<https://a/1>; rel="prev"')).toBeUndefined();
		expect(nextLink(undefined)).toBeUndefined();
	});
});
