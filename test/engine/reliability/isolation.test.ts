import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { forgetFlowControl } from '../../harness/engine';
import { useSimulator } from '../../harness/fixture';
import { errorMessage, fastRetry, faultWorkflow, keyNeverShown } from './helpers';

// Issue 18, items 5 and 6: one execution, or another workspace's key, cannot stall the others on a connection,
// and no Retry-After makes the node resend a 429 at once. Counts and messages, never times: each test would
// hang (and time out) where a pause held a call it should not.

const fixture = useSimulator({}, keyNeverShown);
beforeEach(() => forgetFlowControl());

const ATTACKER_KEY = 'attacker-key';
const HOUR_S = 3600;

/** Takes 429s only (not retried): the pause it causes stays on the connection after it fails. */
const noRetryOf429 = (maxWaitMs: number) => fastRetry({ retryOn: '502', maxWaitMs });

describe('one execution cannot stall another on the same connection', () => {
	it('a pause longer than a call accepts fails that call at once, naming its Max Wait, before sending', async () => {
		const a = await fixture.runWorkflow(
			faultWorkflow([{ fault: 'kind=status;status=429;retryAfter=100000' }], {
				path: 'v2/customers',
				options: noRetryOf429(2_000_000_000),
			}),
		);
		expect(a.status).toBe('error');
		expect(fixture.sim.log).toHaveLength(1);
		const b = await fixture.runWorkflow(
			faultWorkflow([{}, {}], {
				path: 'v2/customers',
				options: { ...fastRetry({ maxWaitMs: 1000 }), timeout: 2000 },
				settings: { onError: 'continueRegularOutput' },
			}),
		);
		const output = b.output('Passthrough') ?? [];
		expect(output).toHaveLength(2);
		for (const item of output)
			expect(item.json.error).toMatch(
				/^The connection is paused for \d+(\.\d)? s \(the API asked another call of this connection to wait\), more than the 1 s "Max Wait" of this call allows; not sent$/,
			);
		expect(fixture.sim.log).toHaveLength(1);
	}, 20_000);
});

describe('another workspace key cannot stall a connection id it shares', () => {
	let front: Server;
	let frontUrl: string;

	beforeEach(async () => {
		// One base URL for both keys: the attacker's key is rate limited for an hour, any other goes through.
		const target = new URL(fixture.sim.baseUrl);
		front = createServer((incoming, outgoing) => {
			if (incoming.headers.authorization === `Bearer ${ATTACKER_KEY}`) {
				incoming.resume();
				outgoing.writeHead(429, { 'retry-after': String(HOUR_S), 'content-type': 'text/plain' });
				outgoing.end('Too Many Requests');
				return;
			}
			const forwarded = httpRequest(
				{
					host: target.hostname,
					port: target.port,
					method: incoming.method,
					path: incoming.url,
					headers: incoming.headers,
				},
				(response) => {
					outgoing.writeHead(response.statusCode ?? 502, response.headers);
					response.pipe(outgoing);
				},
			);
			incoming.pipe(forwarded);
		});
		await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
		frontUrl = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
	});
	afterEach(async () => await new Promise<void>((resolve) => front.close(() => resolve())));

	it('a 429 with an hour of Retry-After to one key pauses nothing for another key on the same connection id', async () => {
		const attacker = await fixture.runWorkflow(
			faultWorkflow([{}], { path: 'v2/customers', options: noRetryOf429(2_000_000_000) }),
			{ credentials: { baseUrl: frontUrl, apiKey: ATTACKER_KEY } },
		);
		expect(attacker.status).toBe('error');
		expect(fixture.sim.log).toHaveLength(0);
		const victim = await fixture.runWorkflow(faultWorkflow([{}, {}], { path: 'v2/customers' }), {
			credentials: { baseUrl: frontUrl },
		});
		expect(victim.status).toBe('success');
		expect(fixture.sim.log).toHaveLength(2);
	}, 20_000);
});

describe('no Retry-After makes the node resend a 429 at once', () => {
	for (const [name, fault] of [
		['Retry-After: 0', 'retryAfter=0'],
		['retry-after-ms: 0', 'retryAfterMs=0'],
		['an HTTP-date in the past', 'retryAfterDate=-60'],
	]) {
		it(`${name} on every answer: a few resends until the Rate Limit Stall, not a storm`, async () => {
			const result = await fixture.runWorkflow(
				faultWorkflow([{ fault: `kind=status;status=429;${fault}` }], {
					path: 'v2/customers',
					options: { retry: { settings: { rateLimitStallMs: 1500 } } },
				}),
			);
			expect(errorMessage(result)).toMatch(/no call to this connection has succeeded for 1\.5 s/);
			// Resends after 0.1, 0.2, 0.4 and 0.8 s: the first 1.5 s hold five attempts at most.
			expect(fixture.sim.log.length).toBeGreaterThanOrEqual(2);
			expect(fixture.sim.log.length).toBeLessThanOrEqual(6);
		});
	}
});
