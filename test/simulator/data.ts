import { createHash } from 'node:crypto';

import type { SimConnection } from './types';

export const SIM_API_KEY = 'sim_test_key_d41d8cd98f00b204e9800998ecf8427e';

const WORKSPACE = '64a0c0ffee0000000000abcd';

function connection(
	fields: Partial<SimConnection> &
		Pick<SimConnection, 'id' | 'integration_type' | 'integration_name' | 'categories'>,
): SimConnection {
	return {
		workspace_id: WORKSPACE,
		permissions: [],
		environment: 'Production',
		is_paused: false,
		created_at: '2026-03-01T12:00:00.000Z',
		updated_at: '2026-08-01T09:30:00.000Z',
		last_healthy_at: '2026-11-20T10:00:00.000Z',
		...fields,
	};
}

/** The seeded connections: one per upstream the demo and tests use, plus a few with a story. */
export function seedConnections(extra = 0): SimConnection[] {
	const seeded = [
		connection({
			id: 'conn_acme',
			integration_type: 'acme',
			integration_name: 'Acme Billing',
			categories: ['accounting', 'passthrough'],
			permissions: ['accounting_customer_read', 'accounting_customer_write'],
			external_xref: 'customer-7',
		}),
		connection({
			id: 'conn_hubspot',
			integration_type: 'hubspot',
			integration_name: 'HubSpot',
			categories: ['crm', 'martech', 'passthrough'],
			permissions: ['crm_contact_read', 'crm_contact_write'],
			external_xref: 'customer-42',
		}),
		connection({
			id: 'conn_slack',
			integration_type: 'slack',
			integration_name: 'Slack',
			categories: ['messaging', 'passthrough'],
			permissions: ['messaging_channel_read', 'messaging_message_write'],
			external_xref: 'customer-42',
		}),
		connection({
			id: 'conn_salesforce',
			integration_type: 'salesforce',
			integration_name: 'Salesforce',
			categories: ['crm', 'passthrough'],
			permissions: ['crm_company_read', 'crm_company_write'],
			external_xref: 'customer-99',
		}),
		connection({
			id: 'conn_salesforce_expired',
			integration_type: 'salesforce',
			integration_name: 'Salesforce',
			categories: ['crm', 'passthrough'],
			external_xref: 'customer-13',
			last_healthy_at: '2026-10-01T10:00:00.000Z',
			last_unhealthy_at: '2026-11-25T08:00:00.000Z',
			last_unhealthy_code: '401',
		}),
		connection({
			id: 'conn_hubspot_paused',
			integration_type: 'hubspot',
			integration_name: 'HubSpot',
			categories: ['crm', 'passthrough'],
			external_xref: 'customer-50',
			is_paused: true,
		}),
	];
	for (let index = 0; index < extra; index++) {
		seeded.push(
			connection({
				id: `conn_extra_${String(index).padStart(4, '0')}`,
				integration_type: index % 2 ? 'pipedrive' : 'zendesk',
				integration_name: index % 2 ? 'Pipedrive' : 'Zendesk',
				categories: index % 2 ? ['crm', 'passthrough'] : ['ticketing', 'passthrough'],
				external_xref: `tenant-${index}`,
			}),
		);
	}
	return seeded;
}

/** A connection whose upstream is a rate limit (see rateLimited.ts). */
export function rateLimitedConnection(id: string): SimConnection {
	return connection({
		id,
		integration_type: 'ratelimited',
		integration_name: 'Rate-limited API',
		categories: ['passthrough'],
	});
}

const PERIOD = 65521; // prime, so the pattern never lines up with chunk sizes
const PATTERN = (() => {
	const pattern = Buffer.alloc(PERIOD);
	let state = 0x2545f491;
	for (let index = 0; index < PERIOD; index++) {
		state = (Math.imul(state, 1103515245) + 12345) >>> 0;
		pattern[index] = state >>> 24;
	}
	return pattern;
})();

/** Deterministic bytes for file downloads: the bytes at [start, start + length) of any simulated file. */
export function fileChunk(start: number, length: number): Buffer {
	const chunk = Buffer.allocUnsafe(length);
	let offset = 0;
	while (offset < length) {
		const position = (start + offset) % PERIOD;
		const count = Math.min(PERIOD - position, length - offset);
		PATTERN.copy(chunk, offset, position, position + count);
		offset += count;
	}
	return chunk;
}

/** SHA-256 of a whole simulated file of `size` bytes, computed in 4 MB pieces (never the whole file in memory). */
export function fileSha256(size: number): string {
	const piece = 4 * 1024 * 1024;
	const hash = createHash('sha256');
	for (let offset = 0; offset < size; offset += piece)
		hash.update(fileChunk(offset, Math.min(piece, size - offset)));
	return hash.digest('hex');
}
