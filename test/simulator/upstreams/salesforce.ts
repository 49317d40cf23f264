import { json, type Reply, type Upstream } from '../types';
import { createSalesforceCollections } from './salesforceCollections';

export interface SalesforceData {
	accounts: number;
	/** Connection ids whose session has expired (every call answers 401 INVALID_SESSION_ID). */
	expired: Set<string>;
}

export function salesforceAccount(index: number) {
	const id = `001D0000${String(index).padStart(10, '0')}`;
	return {
		attributes: { type: 'Account', url: `/services/data/v62.0/sobjects/Account/${id}` },
		Id: id,
		Name: `Account ${index + 1}`,
	};
}

const sfError = (status: number, errorCode: string, message: string, fields?: string[]): Reply =>
	json(status, [{ message, errorCode, ...(fields ? { fields } : {}) }]);

export function createSalesforceUpstream(data: SalesforceData): Upstream {
	let created = 0;
	const collections = createSalesforceCollections(salesforceAccount, data.accounts);
	return async (request) => {
		if (data.expired.has(request.connection.id))
			return sfError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
		const { method, path, query } = request;
		const headers = { 'sforce-limit-info': 'api-usage=25/15000' };
		const version = /^services\/data\/(v\d+\.\d)\/(.*)$/.exec(path);
		if (!version) return sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
		const [, apiVersion, rest] = version;
		const collection = /^composite\/sobjects(?:\/([A-Za-z_]+))?(?:\/([A-Za-z_]+))?\/?$/.exec(rest);
		if (collection) return await collections(request, collection[1], collection[2]);
		const sobject = /^sobjects\/([A-Za-z_]+)\/?$/.exec(rest);
		if (sobject && method === 'POST') {
			let input: Record<string, unknown>;
			try {
				input = JSON.parse((await request.body()).toString('utf8') || '{}') as Record<
					string,
					unknown
				>;
			} catch {
				return sfError(400, 'JSON_PARSER_ERROR', 'Unexpected character in JSON body');
			}
			if ('Id' in input)
				return sfError(
					400,
					'INVALID_FIELD',
					'The Id field should not be specified in the sobject data.',
				);
			if (sobject[1] === 'Account' && !input.Name) {
				return sfError(400, 'REQUIRED_FIELD_MISSING', 'Required fields are missing: [Name]', [
					'Name',
				]);
			}
			created++;
			return json(
				201,
				{ id: `001NEW${String(created).padStart(12, '0')}`, success: true, errors: [] },
				headers,
			);
		}
		const batchSize = Math.min(
			Math.max(
				Number(
					/batchSize=(\d+)/.exec(String(request.headers['sforce-query-options'] ?? ''))?.[1] ??
						2000,
				),
				200,
			),
			2000,
		);
		const page = (offset: number) => {
			const end = Math.min(offset + batchSize, data.accounts);
			const records = [];
			for (let index = offset; index < end; index++) records.push(salesforceAccount(index));
			const done = end >= data.accounts;
			return json(
				200,
				{
					totalSize: data.accounts,
					done,
					...(done
						? {}
						: { nextRecordsUrl: `/services/data/${apiVersion}/query/01gRO0000016PIAYA2-${end}` }),
					records,
				},
				headers,
			);
		};
		if (rest === 'query' || rest === 'query/') {
			const soql = query.get('q') ?? '';
			if (!/^select\s+.+\s+from\s+account/i.test(soql.trim())) {
				return sfError(400, 'MALFORMED_QUERY', `unexpected token: '${soql.split(' ')[0] ?? ''}'`);
			}
			return page(0);
		}
		const more = /^query\/[A-Za-z0-9]+-(\d+)$/.exec(rest);
		if (more) return page(Number(more[1]));
		return sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
	};
}
