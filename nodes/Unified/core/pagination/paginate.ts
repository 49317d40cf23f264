import type { RequestSpec } from '../request/requestSpec';
import type { BodyKind } from '../response/contentType';
import { PassthroughFailure } from '../errors/passthroughFailure';
import { applyChange, readJsonBody, type PagedRequest } from './applyChange';
import { PaginationError } from '../errors/paginationError';
import { LoopGuard, pageFingerprint } from './loopGuard';
import { extractRecords } from './extractRecords';
import { PAGING_MODES } from './presets';
import type { PaginationSettings } from './paginationSettings';

export interface FetchedPage {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	kind: BodyKind;
	body?: unknown;
	/** A hash of the body bytes, when the fetch provides it. */
	fingerprint?: string;
}

export interface Page<TResponse extends FetchedPage> {
	number: number;
	response: TResponse;
	/** Undefined for a page that ends pagination without records (a non-2xx page under "Never Error"). */
	records?: unknown[];
}

/** What the consumer wants after a page: `stop` ends paging there (a trigger that reached records it has seen). */
export type PageDecision = 'next' | 'stop';

export interface PaginateContext<TResponse extends FetchedPage> {
	/** One logical call (with its retries); throws when the response is an error the user did not ask for. */
	fetchPage(spec: RequestSpec): Promise<TResponse>;
	/** Receives every page as soon as it is read; nothing is kept here once it returns. Nothing returned: next. */
	onPage(page: Page<TResponse>): PageDecision | void;
}

function withPageNumber(error: unknown, page: number): unknown {
	if (!(error instanceof PassthroughFailure) || error instanceof PaginationError) return error;
	const tagged = new PassthroughFailure(`${error.message} (page ${page})`, error.details);
	tagged.stack = error.stack;
	return tagged;
}

/**
 * Reads pages one after another (a cursor only exists once the previous page is read) until the strategy
 * says done, `maxPages` is reached or the loop guard trips.
 */
export async function paginate<TResponse extends FetchedPage>(
	first: RequestSpec,
	settings: PaginationSettings,
	context: PaginateContext<TResponse>,
): Promise<void> {
	const mode = PAGING_MODES[settings.mode];
	const strategy = mode.strategy(settings, first.method);
	const recordsPath = settings.recordsPath || mode.recordsAt;
	const needsRecords = settings.output === 'records' || mode.countsRecords === true;
	const guard = new LoopGuard();
	let request: PagedRequest = { spec: first, json: {} };
	if (mode.sendsIn(settings, first.method) === 'body') request.json = await readJsonBody(first);
	const initial = strategy.first?.(first);
	if (initial) request = applyChange(request, initial);

	let recordsSoFar = 0;
	for (let page = 1; ; page++) {
		let response: TResponse;
		try {
			response = await context.fetchPage(request.spec);
		} catch (error) {
			throw withPageNumber(error, page);
		}
		if (response.statusCode < 200 || response.statusCode >= 300) {
			// Only reached under "Never Error": the error page is output as it is, and paging ends there.
			context.onPage({ number: page, response });
			return;
		}
		if (response.kind !== 'json') {
			throw new PaginationError(
				`Page ${page} is not JSON (${response.kind === 'empty' ? 'empty body' : `a ${response.kind} response`}); pagination reads JSON pages only`,
				'Turn pagination off for this request, or set "Response Format" to JSON.',
			);
		}
		guard.checkPage(page, response.fingerprint ?? pageFingerprint(response.body));
		const records = needsRecords ? extractRecords(response.body, recordsPath, page) : undefined;
		recordsSoFar += records?.length ?? 0;
		if (context.onPage({ number: page, response, records }) === 'stop') return;
		if (settings.maxPages > 0 && page >= settings.maxPages) return;
		let change;
		try {
			change = strategy.next({
				page,
				request: request.spec,
				headers: response.headers,
				body: response.body,
				recordCount: records?.length ?? 0,
				recordsSoFar,
			});
			if (!change) return;
			guard.checkKey(page, change.key);
			request = applyChange(request, change);
		} catch (error) {
			if (!(error instanceof PaginationError) || error.message.startsWith('Pagination stopped'))
				throw error;
			throw new PaginationError(`${error.message} (page ${page})`, error.details.description ?? '');
		}
	}
}
