import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { jsonOf, useSimulator } from '../harness/fixture';
import { startTlsFront, type TlsFront } from '../harness/tlsFront';
import { connectionById, passthroughWorkflow } from '../harness/workflow';

// A custom base URL behind HTTPS with a self-signed certificate (a proxy in front of Unified, say).
const fixture = useSimulator();
let front: TlsFront;
beforeAll(async () => {
	front = await startTlsFront(fixture.sim.baseUrl);
});
afterAll(async () => front.close());

/** One GET through the TLS front, not retried. */
const throughFront = (options: Record<string, unknown>) =>
	passthroughWorkflow([{}], {
		parameters: {
			connection: connectionById('conn_acme'),
			path: 'v2/customers/cus_001',
			options: { ...options, retry: { settings: { maxRetries: 0 } } },
		},
	});

describe('options.allowUnauthorizedCerts', () => {
	it('off (the default): the self-signed certificate is rejected with a message that says what to do', async () => {
		const result = await fixture.runWorkflow(throughFront({}), {
			credentials: { baseUrl: front.baseUrl },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(
			/TLS certificate or TLS handshake was rejected \(DEPTH_ZERO_SELF_SIGNED_CERT\)/,
		);
		expect(result.error?.description).toMatch(/Ignore SSL Issues/);
		expect(fixture.sim.log).toEqual([]);
	});

	it('on: the call goes through', async () => {
		const result = await fixture.runWorkflow(throughFront({ allowUnauthorizedCerts: true }), {
			credentials: { baseUrl: front.baseUrl },
		});
		expect(result.status).toBe('success');
		expect(jsonOf(result.output('Passthrough'))).toEqual([
			expect.objectContaining({ id: 'cus_001' }),
		]);
		expect(fixture.passthroughCalls()).toEqual(['GET conn_acme/v2/customers/cus_001']);
	});
});
