import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { jsonOf, useSimulator } from '../harness/fixture';
import { startRecordingProxy, type RecordingProxy } from '../harness/proxy';
import { connectionById } from '../harness/workflow';

const fixture = useSimulator();
let proxy: RecordingProxy;
beforeAll(async () => {
	proxy = await startRecordingProxy();
});
afterAll(async () => proxy.close());

describe('options.proxy', () => {
	it('sends the call through the given proxy', async () => {
		const result = await fixture.run({
			connection: connectionById('conn_acme'),
			path: 'v2/customers/cus_001',
			options: { proxy: proxy.url },
		});
		expect(result.status).toBe('success');
		expect(jsonOf(result.output('Passthrough'))).toEqual([
			expect.objectContaining({ id: 'cus_001' }),
		]);
		expect(proxy.tunnels).toEqual([new URL(fixture.sim.baseUrl).host]);
	});

	it('without the option, the call goes direct (no proxy variables are set in the tests)', async () => {
		proxy.tunnels.length = 0;
		const result = await fixture.run({
			connection: connectionById('conn_acme'),
			path: 'v2/customers/cus_001',
		});
		expect(result.status).toBe('success');
		expect(proxy.tunnels).toEqual([]);
		expect(fixture.passthroughCalls()).toEqual(['GET conn_acme/v2/customers/cus_001']);
	});

	it("also carries the external xref lookup (Unified's own API), not only the passthrough call", async () => {
		proxy.requests.length = 0;
		const result = await fixture.run({
			connection: { __rl: true, mode: 'externalXref', value: 'customer-7' },
			path: 'v2/customers/cus_001',
			options: { proxy: proxy.url },
		});
		expect(result.status).toBe('success');
		expect(proxy.requests).toEqual([
			expect.stringMatching(/^GET \/unified\/connection\?.*external_xref=customer-7/),
			'GET /passthrough/conn_acme/v2/customers/cus_001 HTTP/1.1',
		]);
	});
});
