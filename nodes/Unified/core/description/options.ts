import type { INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_CONCURRENCY,
	DEFAULT_MAX_RETRIES,
	DEFAULT_MAX_WAIT_MS,
	DEFAULT_RATE_LIMIT_STALL_MS,
	DEFAULT_REQUEST_INTERVAL_MS,
	DEFAULT_RETRY_ON,
	DEFAULT_TIMEOUT_MS,
} from '../shared/defaults';
import { MAX_TIMER_MS } from '../shared/sleep';
import { batchingOption } from './batching';
import { paginationOption } from './pagination';
import { maxCompressionRatioOption, maxResponseSizeOption } from './responseLimits';
import { connectionCategoryOption } from './connection';
import { allowModelConnectionOption, optimizeResponseOption } from './toolOptions';

export const optionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	// Alphabetical by label, as n8n's collections are.
	options: [
		batchingOption,
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 64 },
			default: DEFAULT_CONCURRENCY,
			description:
				'0 (Auto) finds the pace the API accepts: more requests in flight while calls succeed, fewer on 429, 503 or slower answers. A number is a fixed ceiling for this execution, still lowered while the API pushes back. Outputs keep the input order.',
		},
		connectionCategoryOption,
		{
			displayName: 'Domain',
			name: 'domain',
			type: 'string',
			default: '',
			placeholder: 'mycompany.my.salesforce.com',
			// Not offered to an AI Agent's tool: the model (or whoever injects its prompt) must not pick the host.
			displayOptions: { hide: { '@tool': [true] } },
			description:
				"Overrides the integration's API host for this call (Unified's reserved __domain parameter), e.g. a Salesforce sandbox. The connection's credentials are sent to that host, so it can only be set here, never through the path or query.",
		},
		{
			displayName: 'Fail On Body Error',
			name: 'failOnBodyError',
			type: 'boolean',
			default: true,
			description:
				'Whether a successful HTTP status whose body reports a failure (Slack\'s {"ok": false}) counts as an error',
		},
		{
			displayName: 'Full Response',
			name: 'fullResponse',
			type: 'boolean',
			default: false,
			description: 'Whether to output { statusCode, headers, body } instead of only the body',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'allowUnauthorizedCerts',
			type: 'boolean',
			default: false,
			displayOptions: { hide: { '@tool': [true] } },
			// eslint-disable-next-line n8n-nodes-base/node-param-description-wrong-for-ignore-ssl-issues
			description:
				'Whether to connect even if the TLS certificate cannot be verified; only meaningful with a custom base URL in the credential',
		},
		allowModelConnectionOption,
		maxCompressionRatioOption,
		maxResponseSizeOption,
		{
			displayName: 'Never Error',
			name: 'neverError',
			type: 'boolean',
			default: false,
			description:
				'Whether to output a non-2xx response like any other instead of failing the item',
		},
		optimizeResponseOption,
		{
			displayName: 'Output Property Name',
			name: 'outputPropertyName',
			type: 'string',
			default: 'data',
			description: 'The binary property for files, or the JSON field for text',
		},
		paginationOption,
		{
			displayName: 'Proxy',
			name: 'proxy',
			type: 'string',
			default: '',
			placeholder: 'http://myproxy:3128',
			displayOptions: { hide: { '@tool': [true] } },
			description:
				'An explicit HTTP(S) proxy. When empty, the HTTP_PROXY, HTTPS_PROXY and NO_PROXY environment variables apply.',
		},
		{
			displayName: 'Query Array Format',
			name: 'queryArrayFormat',
			type: 'options',
			options: [
				{ name: 'Brackets', value: 'brackets', description: 'Sends tag[]=a&tag[]=b' },
				{ name: 'Comma', value: 'comma', description: 'Sends tag=a,b' },
				{ name: 'Indices', value: 'indices', description: 'Sends tag[0]=a&tag[1]=b' },
				{ name: 'Repeat', value: 'repeat', description: 'Sends tag=a&tag=b' },
			],
			default: 'repeat',
			description: 'How array values in JSON query parameters are sent',
		},
		{
			displayName: 'Request Interval (Ms)',
			name: 'requestInterval',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: MAX_TIMER_MS },
			default: DEFAULT_REQUEST_INTERVAL_MS,
			description: 'The least time between two request starts, across all items (and pages)',
		},
		{
			displayName: 'Response Format',
			name: 'responseFormat',
			type: 'options',
			options: [
				{ name: 'Autodetect', value: 'autodetect' },
				{ name: 'File', value: 'file' },
				{ name: 'JSON', value: 'json' },
				{ name: 'Text', value: 'text' },
			],
			default: 'autodetect',
			description:
				'Autodetect reads JSON as JSON, files (images, PDF, zip, office...) as binary, and anything else as text',
		},
		{
			displayName: 'Retry',
			name: 'retry',
			type: 'fixedCollection',
			// The values retrying uses when the option is absent, shown as soon as it is added (an empty default
			// would show "Currently no items exist" and look like retrying is off).
			default: {
				settings: {
					maxRetries: DEFAULT_MAX_RETRIES,
					retryOn: DEFAULT_RETRY_ON,
					maxWaitMs: DEFAULT_MAX_WAIT_MS,
					rateLimitStallMs: DEFAULT_RATE_LIMIT_STALL_MS,
					retryNonIdempotent: false,
				},
			},
			description:
				'On by default with the values shown; Max Retries 0 turns off the retries of 5xx and network failures. Retries happen inside the node, per request.',
			options: [
				{
					name: 'settings',
					displayName: 'Settings',
					// In the order they matter, not alphabetical: Max Retries (0: off) first, Retry POST / PATCH last.
					// eslint-disable-next-line n8n-nodes-base/node-param-fixed-collection-type-unsorted-items
					values: [
						{
							displayName: 'Max Retries',
							name: 'maxRetries',
							type: 'number',
							typeOptions: { minValue: 0, maxValue: 10 },
							default: DEFAULT_MAX_RETRIES,
							hint: '0 turns retrying off (a 429 is still waited out: see Rate Limit Stall)',
							description:
								'Retries of a 5xx or a network failure after the first attempt (0: none). A 429 does not count: see Rate Limit Stall.',
						},
						{
							displayName: 'Status Codes',
							name: 'retryOn',
							type: 'string',
							default: DEFAULT_RETRY_ON,
							description: 'Comma-separated HTTP statuses that are retried, e.g. 429,502,503,504',
						},
						{
							displayName: 'Max Wait (Ms)',
							name: 'maxWaitMs',
							type: 'number',
							typeOptions: { minValue: 0, maxValue: MAX_TIMER_MS },
							default: DEFAULT_MAX_WAIT_MS,
							description:
								'The longest single wait. When the server asks to wait longer (Retry-After), the item fails at once, saying how long was asked.',
						},
						{
							displayName: 'Rate Limit Stall (Ms)',
							name: 'rateLimitStallMs',
							type: 'number',
							typeOptions: { minValue: 0, maxValue: MAX_TIMER_MS },
							default: DEFAULT_RATE_LIMIT_STALL_MS,
							description:
								'A 429 never fails an item while other calls to the same connection succeed; it does once no call has succeeded for this long',
						},
						{
							displayName: 'Retry POST / PATCH',
							name: 'retryNonIdempotent',
							type: 'boolean',
							default: false,
							description:
								'Whether non-idempotent requests (POST and PATCH) are also retried after a 5xx or a dropped connection. Off by default: the first attempt may have been processed, and a duplicate record is worse than an error. A 429 is always retried.',
						},
					],
				},
			],
		},
		{
			displayName: 'Split Into Items',
			name: 'splitIntoItems',
			type: 'string',
			default: '',
			placeholder: 'results',
			hint: 'HubSpot: results · Slack conversations.list: channels · Salesforce query: records',
			description:
				'The field of the response (dotted path) that holds a list: each of its records becomes one item, so no Split Out node is needed. With Pagination on, its Records Path takes precedence.',
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_TIMER_MS },
			default: DEFAULT_TIMEOUT_MS,
			description:
				'How long to wait for the response headers. A body that stalls for this long (at most 60 s) also fails.',
		},
	],
};
