import type { Upstream } from '../types';
import { createAcmeUpstream } from './acme';
import { withFixedRate, type FixedRate } from './fixedRate';
import { acmeChanges } from './acmeChanges';
import { ChangeFeed } from './changeFeed';
import { createHubSpotUpstream, hubspotContact, hubspotRateLimited } from './hubspot';
import { createPagedUpstream, withPagedItems } from './paged';
import { createSalesforceUpstream } from './salesforce';
import { createSlackUpstream } from './slack';

export interface UpstreamSizes {
	hubspotContacts?: number;
	slackChannels?: number;
	salesforceAccounts?: number;
	/** Acme's paged `v2/items/...` collection (generic pagination modes). */
	acmeItems?: number;
	/** A fixed rate limit and latency for HubSpot (the batch benchmark); none when absent. */
	hubspotRate?: FixedRate;
}

/** A fresh set of upstreams, keyed by integration type: each simulator has its own data and counters. */
export function createUpstreams(
	sizes: UpstreamSizes = {},
	feed: ChangeFeed = new ChangeFeed(),
): Record<string, Upstream> {
	const contacts = sizes.hubspotContacts ?? 250;
	feed.seed('hubspot:contacts', () =>
		Array.from({ length: contacts }, (_, index) => {
			const { id, properties } = hubspotContact(index);
			const { email, firstname, lastname } = properties;
			return {
				id,
				createdAt: Date.parse(properties.createdate),
				updatedAt: Date.parse(properties.lastmodifieddate),
				fields: { email, firstname, lastname },
			};
		}),
	);
	const acme = withPagedItems(
		createAcmeUpstream(),
		createPagedUpstream({ items: sizes.acmeItems ?? 1000 }),
	);
	const hubspot = createHubSpotUpstream({ contacts, feed });
	return {
		acme: async (request) => acmeChanges(request, feed) ?? acme(request),
		hubspot: sizes.hubspotRate
			? withFixedRate(hubspot, sizes.hubspotRate, hubspotRateLimited)
			: hubspot,
		slack: createSlackUpstream({ channels: sizes.slackChannels ?? 120, feed }),
		salesforce: createSalesforceUpstream({
			accounts: sizes.salesforceAccounts ?? 450,
			expired: new Set(['conn_salesforce_expired']),
			feed,
		}),
	};
}
