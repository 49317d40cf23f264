import type { Upstream } from '../types';
import { createAcmeUpstream } from './acme';
import { withFixedRate, type FixedRate } from './fixedRate';
import { createHubSpotUpstream, hubspotRateLimited } from './hubspot';
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
export function createUpstreams(sizes: UpstreamSizes = {}): Record<string, Upstream> {
	return {
		acme: withPagedItems(
			createAcmeUpstream(),
			createPagedUpstream({ items: sizes.acmeItems ?? 1000 }),
		),
		hubspot: sizes.hubspotRate
			? withFixedRate(
					createHubSpotUpstream({ contacts: sizes.hubspotContacts ?? 250 }),
					sizes.hubspotRate,
					hubspotRateLimited,
				)
			: createHubSpotUpstream({ contacts: sizes.hubspotContacts ?? 250 }),
		slack: createSlackUpstream({ channels: sizes.slackChannels ?? 120 }),
		salesforce: createSalesforceUpstream({
			accounts: sizes.salesforceAccounts ?? 450,
			expired: new Set(['conn_salesforce_expired']),
		}),
	};
}
