import { assertNoReservedDomain } from '../request/query';
import { SCHEME, splitAndEncodePath } from '../request/path';
import { ParameterError } from '../errors/parameterError';
import { PaginationError } from '../errors/paginationError';

export interface PassthroughTarget {
	path: string;
	query: Array<[string, string]>;
}

/**
 * Turns a next-page link from an upstream (absolute `https://api.hubapi.com/...`, or a path such as Salesforce's
 * `/services/data/v62.0/query/01g...-2000`) into a path on the same connection's passthrough. The host of an
 * absolute link is dropped, never called: whatever the upstream writes, the request stays on this connection,
 * and the path passes the same safety checks as the user's own path.
 *
 * Links carry the upstream's full path, while passthrough paths are relative to the integration's API root,
 * which may have a path of its own (`https://slack.com/api`). So the link's path is taken from where the
 * current request's first segment appears in it: `/api/conversations.list` after `conversations.list` becomes
 * `conversations.list`, not `api/conversations.list`.
 */
export function upstreamLinkToTarget(link: string, currentPath = ''): PassthroughTarget {
	const text = link.trim();
	let relative = text;
	const scheme = SCHEME.exec(text);
	if (scheme || text.startsWith('//')) {
		if (scheme && !/^https?$/i.test(scheme[1])) {
			throw new PaginationError(
				`The next page link "${text}" is not an http(s) URL`,
				'Only http and https links are followed.',
			);
		}
		let url: URL;
		try {
			url = new URL(text.startsWith('//') ? `https:${text}` : text);
		} catch {
			throw new PaginationError(
				`The next page link "${text}" is not a valid URL`,
				'Check the pagination mode and path.',
			);
		}
		relative = url.pathname + url.search;
	}
	try {
		// The whole link is checked first: a prefix that is dropped must not hide a ".." or anything else unsafe.
		splitAndEncodePath(relative);
		const target = splitAndEncodePath(dropApiRootPrefix(relative, currentPath));
		assertNoReservedDomain(target.query, 'path');
		return target;
	} catch (error) {
		if (!(error instanceof ParameterError)) throw error;
		throw new PaginationError(
			`The next page link "${text}" was not followed: ${error.message}`,
			'The upstream returned a link that could leave this connection or its API root, so pagination stopped.',
		);
	}
}

function dropApiRootPrefix(link: string, currentPath: string): string {
	if (!link.startsWith('/')) return link;
	const firstSegment = currentPath.split('/')[0];
	const questionMark = link.indexOf('?');
	const path = questionMark === -1 ? link : link.slice(0, questionMark);
	const segments = path.split('/').slice(1);
	const start = firstSegment ? segments.indexOf(firstSegment) : -1;
	if (start <= 0) return link;
	return `/${segments.slice(start).join('/')}${questionMark === -1 ? '' : link.slice(questionMark)}`;
}
