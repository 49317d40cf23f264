import type { ParameterReader } from '../../core/request/buildRequest';
import { ParameterError } from '../../core/errors';
import { customSource } from '../sources/custom';
import { hubspotSource } from '../sources/hubspot';
import { locatorText, namesText } from '../sources/locator';
import { salesforceSource } from '../sources/salesforce';
import { slackSource } from '../sources/slack';
import type { PollEvent, PollSource } from '../sources/pollSource';

/** The `source` parameter and its own fields -> the source. Validates before any request. */
export async function buildSource(
	read: ParameterReader,
	event: PollEvent,
	domain: string,
): Promise<PollSource> {
	const source = read<string>('source', 'hubspot');
	switch (source) {
		case 'hubspot':
			return hubspotSource({
				object: locatorText(read<unknown>('hubspotObject', 'contacts')),
				properties: namesText(read<unknown>('hubspotProperties', '')),
				event,
				domain,
			});
		case 'salesforce':
			return salesforceSource({
				soql: String(read<string>('soql', '') ?? ''),
				apiVersion: String(read<string>('salesforceApiVersion', 'v62.0') ?? ''),
				event,
				domain,
			});
		case 'slack':
			return slackSource({ channel: locatorText(read<unknown>('slackChannel', '')), domain });
		case 'custom':
			return await customSource(read, { event, domain });
		default:
			throw new ParameterError('source', `Unknown source "${String(source)}"`);
	}
}
