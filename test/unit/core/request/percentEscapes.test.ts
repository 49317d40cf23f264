import { describe, expect, it } from 'vitest';

import { everyDecoding } from '../../../../nodes/Unified/core/request/percentEscapes';

function layers(text: string, maxDepth = 4): { seen: string[][]; complete: boolean } {
	const seen: string[][] = [];
	const complete = everyDecoding(
		text,
		maxDepth,
		(run) => run,
		(layer, depth) => (seen[depth] ??= []).push(layer),
	);
	return { seen, complete };
}

describe('everyDecoding', () => {
	it('decodes each layer as it is and after NFKC folding', () => {
		expect(layers('％２ｅ').seen).toEqual([['％２ｅ'], ['.']]);
		expect(layers('%25２ｅ').seen).toEqual([['%25２ｅ'], ['%２ｅ', '%2e'], ['.']]);
		expect(layers('a%2Fb％２Ｆc').seen).toEqual([
			['a%2Fb％２Ｆc'],
			['a/b％２Ｆc', 'a/b/c'],
			['a/b/c'],
		]);
	});

	it('visits each distinct text once per depth, and stops when nothing decodes further', () => {
		expect(layers('plain').seen).toEqual([['plain']]);
		expect(layers('%2e').seen).toEqual([['%2e'], ['.']]);
		expect(layers('％').seen).toEqual([['％']]);
	});

	it('reports more layers than maxDepth, in either form', () => {
		expect(layers('%252e', 1).complete).toBe(false);
		expect(layers('%252e', 2).complete).toBe(true);
		expect(layers('％２５２ｅ', 1).complete).toBe(false);
		expect(layers('％２５２ｅ', 2).complete).toBe(true);
	});
});
