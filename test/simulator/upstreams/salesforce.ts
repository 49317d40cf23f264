import { json, type Reply, type Upstream } from '../types';
import { createSalesforceCollections } from './salesforceCollections';
import type { ChangeFeed } from './changeFeed';
import { QueryLocators, runSoql, SoqlError } from './salesforceSoql';

export interface SalesforceData {
	accounts: number;
	/** Connection ids whose session has expired (every call answers 401 INVALID_SESSION_ID). */
	expired: Set<string>;
	/** Records SOQL with WHERE / ORDER BY / LIMIT reads, and upserts by external id write (the trigger's sources). */
	feed?: ChangeFeed;
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
	const locators = new QueryLocators();
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
		const upsert = /^sobjects\/([A-Za-z_]+)\/([A-Za-z0-9_]+)\/([^/]+)$/.exec(rest);
		if (upsert && method === 'PATCH' && data.feed) {
			const [, object, field, value] = upsert;
			const input = JSON.parse((await request.body()).toString('utf8') || '{}') as Record<
				string,
				unknown
			>;
			const name = `salesforce:${object}`;
			const existing = data.feed.list(name).find((record) => record.fields[field] === value);
			if (existing) {
				data.feed.update(name, existing.id, input);
				return json(200, { id: existing.id, success: true, errors: [], created: false }, headers);
			}
			created++;
			const id = `001FEED${String(created).padStart(11, '0')}`;
			data.feed.add(name, { ...input, [field]: value }, { id });
			return json(201, { id, success: true, errors: [], created: true }, headers);
		}
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
			const target = /\sfrom\s+([A-Za-z0-9_]+)/i.exec(soql)?.[1];
			if (
				data.feed &&
				target &&
				(data.feed.has(`salesforce:${target}`) || /\s(where|order\s+by|limit)\s/i.test(soql))
			) {
				try {
					return locators.page(
						runSoql(data.feed, soql, apiVersion).records,
						0,
						batchSize,
						apiVersion,
					);
				} catch (error) {
					if (error instanceof SoqlError) return sfError(400, 'MALFORMED_QUERY', error.message);
					throw error;
				}
			}
			if (!/^select\s+.+\s+from\s+account/i.test(soql.trim())) {
				return sfError(400, 'MALFORMED_QUERY', `unexpected token: '${soql.split(' ')[0] ?? ''}'`);
			}
			return page(0);
		}
		const located = /^query\/(01gFEED\d+)-(\d+)$/.exec(rest);
		if (located) {
			const reply = locators.more(located[1], Number(located[2]), batchSize, apiVersion);
			return reply ?? sfError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
		}
		const more = /^query\/[A-Za-z0-9]+-(\d+)$/.exec(rest);
		if (more) return page(Number(more[1]));
		return sfError(404, 'NOT_FOUND', 'The requested resource does not exist');
	};
}
