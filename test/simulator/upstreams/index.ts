import type { Upstream } from '../types';
import { createAcmeUpstream } from './acme';
import { createHubSpotUpstream } from './hubspot';
import { createPagedUpstream, withPagedItems } from './paged';
import { createSalesforceUpstream } from './salesforce';
import { createSlackUpstream } from './slack';

export interface UpstreamSizes {
	hubspotContacts?: number;
	slackChannels?: number;
	salesforceAccounts?: number;
	/** Acme's paged `v2/items/...` collection (generic pagination modes). */
	acmeItems?: number;
}

/** A fresh set of upstreams, keyed by integration type: each simulator has its own data and counters. */
export function createUpstreams(sizes: UpstreamSizes = {}): Record<string, Upstream> {
	return {
		acme: withPagedItems(
			createAcmeUpstream(),
			createPagedUpstream({ items: sizes.acmeItems ?? 1000 }),
		),
		hubspot: createHubSpotUpstream({ contacts: sizes.hubspotContacts ?? 250 }),
		slack: createSlackUpstream({ channels: sizes.slackChannels ?? 120 }),
		salesforce: createSalesforceUpstream({
			accounts: sizes.salesforceAccounts ?? 450,
			expired: new Set(['conn_salesforce_expired']),
		}),
	};
}
