import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodePropertyCollection } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { paginationOption } from '../../../../nodes/Unified/core/description/pagination';
import { paginate, type FetchedPage } from '../../../../nodes/Unified/core/pagination/paginate';
import {
	PAGINATION_MODES,
	PAGING_MODES,
	type PagingMode,
} from '../../../../nodes/Unified/core/pagination/presets';
import {
	pagingSettings,
	resolvePagination,
} from '../../../../nodes/Unified/core/pagination/paginationSettings';
import { fixed } from '../../../../nodes/Unified/core/request/body';
import type { HttpMethod, RequestSpec } from '../../../../nodes/Unified/core/request/requestSpec';
import { ParameterError } from '../../../../nodes/Unified/core/errors/parameterError';

const MODES = Object.keys(PAGING_MODES) as PagingMode[];

/** A page that has a next position in every shape a mode reads, so every mode asks for a second page. */
const FULL_PAGE: FetchedPage = {
	statusCode: 200,
	headers: { link: '<https://api.example.com/items?page=2>; rel="next"' },
	kind: 'json',
	body: {
		records: [{ id: 1 }],
		results: [{ id: 1 }],
		paging: { next: { after: 'a2' } },
		response_metadata: { next_cursor: 'c2' },
		nextRecordsUrl: '/items/next',
		done: false,
		meta: { next: 'm2' },
		links: { next: '/items?page=2' },
	},
};

/** Settings that satisfy every mode's required fields, with its parameters in `parameterIn`. */
function settingsFor(mode: PagingMode, parameterIn: 'query' | 'body') {
	return pagingSettings(mode, {
		recordsPath: 'records',
		cursorPath: 'meta.next',
		cursorParameter: 'paging.cursor',
		nextUrlPath: 'links.next',
		parameterIn,
		maxPages: 2,
	});
}

async function secondRequest(mode: PagingMode, method: HttpMethod, parameterIn: 'query' | 'body') {
	const first: RequestSpec = {
		method,
		path: 'items',
		query: [['keep', 'q']],
		headers: {},
		body: method === 'GET' ? undefined : fixed('{"filter":"kept"}', 'application/json'),
	};
	const asked: RequestSpec[] = [];
	await paginate(first, settingsFor(mode, parameterIn), {
		fetchPage: async (spec) => {
			asked.push(spec);
			return { ...FULL_PAGE, fingerprint: String(asked.length) };
		},
		onPage: () => undefined,
	});
	return asked[1];
}

describe('presets: one row per pagination mode', () => {
	it('the mode list is Off, then the rows in order', () => {
		expect(PAGINATION_MODES).toEqual(['off', ...MODES]);
	});

	it("the editor's Mode options are the rows: label, saved value and description", () => {
		const mode = paginationOption.options![0] as INodePropertyCollection;
		const options = mode.values.find((field) => field.name === 'mode')!.options;
		expect(options).toEqual([
			{ name: 'Off', value: 'off' },
			...MODES.map((value) => ({
				name: PAGING_MODES[value].label,
				value,
				description: PAGING_MODES[value].description,
			})),
		]);
		for (const value of MODES) {
			if (!PAGING_MODES[value].requires)
				expect(paginationOption.description).toContain(PAGING_MODES[value].label);
		}
	});

	it("the README's pagination table and docs/reference.md list every mode, in the table's order", () => {
		const readme = readFileSync(join(__dirname, '../../../../README.md'), 'utf8');
		const section = readme.slice(readme.indexOf('## Pagination'));
		const table = section.slice(0, section.indexOf('\n\n', section.indexOf('| Mode |')));
		const documented = [...table.matchAll(/^\| `([A-Za-z]+)` \|/gm)].map((match) => match[1]);
		expect(documented).toEqual(MODES);
		const reference = readFileSync(join(__dirname, '../../../../docs/reference.md'), 'utf8');
		const row = reference
			.split('\n')
			.find((line) => line.startsWith('| Pagination | `pagination` | off | `settings'))!;
		const listed = /`mode`: ((?:`[A-Za-z]+` ?)+);/.exec(row)![1];
		expect([...listed.matchAll(/`([A-Za-z]+)`/g)].map((match) => match[1])).toEqual(
			PAGINATION_MODES,
		);
	});

	for (const mode of MODES) {
		for (const method of ['GET', 'POST'] as const) {
			for (const parameterIn of ['query', 'body'] as const) {
				it(`${mode}, ${method}, parameters in ${parameterIn}: the next request goes where the row says`, async () => {
					const settings = settingsFor(mode, parameterIn);
					const sendsIn = PAGING_MODES[mode].sendsIn(settings, method);
					const next = await secondRequest(mode, method, parameterIn);
					expect(next, 'a second page is asked for').toBeDefined();
					const body = next.body ? JSON.parse(String(await next.body.open())) : undefined;
					if (sendsIn === 'body') {
						// The first request's body is read and kept: a row saying "body" needs no change elsewhere.
						if (method !== 'GET') expect(body).toMatchObject({ filter: 'kept' });
						expect(Object.keys(body).length).toBeGreaterThan(method === 'GET' ? 0 : 1);
						expect(next.query).toEqual([['keep', 'q']]);
					} else if (sendsIn === 'query') {
						expect(next.query.length).toBeGreaterThan(1);
						expect(body ?? {}).toEqual(method === 'GET' ? {} : { filter: 'kept' });
					} else {
						// A followed link replaces the path and query, and leaves the body alone.
						expect(next.query).not.toContainEqual(['keep', 'q']);
						expect(body ?? {}).toEqual(method === 'GET' ? {} : { filter: 'kept' });
					}
				});
			}
		}
	}

	it("every required field, left empty or blank, is refused naming the field's label", () => {
		for (const mode of MODES) {
			for (const [name, label] of PAGING_MODES[mode].requires ?? []) {
				const raw = { ...settingsFor(mode, 'query'), [name]: '  ' };
				expect(() => resolvePagination(raw), `${mode} ${name}`).toThrow(ParameterError);
				expect(() => resolvePagination(raw), `${mode} ${name}`).toThrow(label);
			}
		}
	});

	it('a mode that is not a row is refused, whatever its spelling', () => {
		for (const mode of [
			'__proto__',
			'constructor',
			'toString',
			'hasOwnProperty',
			'HubSpot',
			'SLACK',
			'link_header',
			'hubspot\u0000',
		]) {
			expect(() => resolvePagination({ mode }), JSON.stringify(mode)).toThrow(
				/Unknown pagination mode/,
			);
		}
	});

	it("typed settings equal what parsing the same fields gives (the trigger's sources pass them directly)", () => {
		const poll = { maxPages: 0, output: 'records' } as const;
		for (const mode of ['hubspot', 'slack', 'salesforce', 'linkHeader'] as const) {
			expect(pagingSettings(mode, poll)).toEqual(resolvePagination({ mode, ...poll }));
		}
		expect(pagingSettings('slack', { ...poll, recordsPath: 'messages' })).toEqual(
			resolvePagination({ mode: 'slack', ...poll, recordsPath: 'messages' }),
		);
	});
});
