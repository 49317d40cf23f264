import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

import { describe, expect, it } from 'vitest';

import { useSimulator } from '../../harness/fixture';
import { errorMessage, fastRetry, faultWorkflow, keyNeverShown } from './helpers';

const fixture = useSimulator({}, keyNeverShown);

const attemptsAt = (path: string) => fixture.sim.log.filter((entry) => entry.path === path);
const gapMs = (path: string) => {
	const [first, second] = attemptsAt(path);
	return second.startedAt - first.startedAt;
};

describe('retry rules', () => {
	it('retries a GET that got 503 twice (backoff), then outputs the answer', async () => {
		const result = await fixture.runWorkflow(
			faultWorkflow([{ fault: 'kind=status;status=503;times=2' }], {
				path: 'v2/customers',
				options: fastRetry(),
			}),
		);
		expect(result.status).toBe('success');
		expect(result.output('Passthrough')?.map((item) => item.json.id)).toEqual([
			'cus_001',
			'cus_002',
			'cus_003',
		]);
		expect(attemptsAt('v2/customers')).toHaveLength(3);
	});

	it('retries PUT and DELETE after 502/504', async () => {
		const put = await fixture.runWorkflow(
			faultWorkflow([{ fault: 'kind=status;status=502;times=1' }], {
				method: 'PUT',
				path: 'echo/put',
				options: fastRetry(),
			}),
		);
		const remove = await fixture.runWorkflow(
			faultWorkflow([{ fault: 'kind=status;status=504;times=1' }], {
				method: 'DELETE',
				path: 'v2/customers/cus_001',
				options: fastRetry(),
			}),
		);
		expect([put.status, remove.status]).toEqual(['success', 'success']);
		expect(attemptsAt('echo/put')).toHaveLength(2);
		expect(attemptsAt('v2/customers/cus_001')).toHaveLength(2);
	});

	it('does not retry a POST that got a 503 (it may have been processed)', async () => {
		const result = await fixture.runWorkflow(
			faultWorkflow([{ fault: 'kind=status;status=503;times=1' }], {
				method: 'POST',
				path: 'v2/customers',
				options: fastRetry(),
			}),
		);
		expect(result.status).toBe('error');
		expect(errorMessage(result)).toContain('503');
		expect(attemptsAt('v2/customers')).toHaveLength(1);
	});

	it('does not retry a PATCH whose connection dropped mid-response', async () => {
		const result = await fixture.runWorkflow(
			faultWorkflow([{ fault: 'kind=reset;times=1' }], {
				method: 'PATCH',
				path: 'echo/patch',
				options: fastRetry(),
			}),
		);
		expect(result.status).toBe('error');
		expect(errorMessage(result)).toContain(
			'The connection was closed before the response was complete',
		);
		expect(errorMessage(result)).toContain('connection conn_acme, path echo/patch');
		expect(attemptsAt('echo/patch')).toHaveLength(1);
	});

	it('retries a POST that got a 429 (the request was not processed)', async () => {
		const result = await fixture.runWorkflow(
			faultWorkflow([{ fault: 'kind=status;status=429;times=1' }], {
				method: 'POST',
				path: 'v2/customers',
				options: fastRetry(),
			}),
		);
		expect(result.status).toBe('success');
		expect(result.output('Passthrough')?.[0].json.id).toMatch(/^cus_new_/);
		expect(attemptsAt('v2/customers')).toHaveLength(2);
	});

	it("retries a POST after Unified's own 429", async () => {
		const result = await fixture.runWorkflow(
			faultWorkflow([{ fault: 'kind=unified429;times=1' }], {
				method: 'POST',
				path: 'v2/customers',
				options: fastRetry(),
			}),
		);
		expect(result.status).toBe('success');
		expect(attemptsAt('v2/customers')).toHaveLength(2);
	});

	it('retries a POST after a 503 when Retry Non-Idempotent is on', async () => {
		const result = await fixture.runWorkflow(
			faultWorkflow([{ fault: 'kind=status;status=503;times=1' }], {
				method: 'POST',
				path: 'v2/customers',
				options: fastRetry({ retryNonIdempotent: true }),
			}),
		);
		expect(result.status).toBe('success');
		expect(attemptsAt('v2/customers')).toHaveLength(2);
	});

	it('retries a GET whose connection dropped mid-body', async () => {
		const result = await fixture.runWorkflow(
			faultWorkflow([{ fault: 'kind=reset;times=2' }], {
				path: 'v2/customers',
				options: fastRetry(),
			}),
		);
		expect(result.status).toBe('success');
		expect(attemptsAt('v2/customers')).toHaveLength(3);
	});

	it('retries a file download whose connection dropped mid-body (the cut-off body was going to the binary store)', async () => {
		const options = { ...fastRetry(), responseFormat: 'file' };
		const retried = await fixture.runWorkflow(
			faultWorkflow([{ fault: 'kind=reset;times=1' }], {
				path: 'files/download/once.bin',
				options,
			}),
		);
		expect(retried.status).toBe('success');
		expect(retried.output('Passthrough')?.[0].binary?.data).toMatchObject({
			fileName: 'once.bin',
			bytes: 1024,
		});
		expect(attemptsAt('files/download/once.bin')).toHaveLength(2);

		const failed = await fixture.runWorkflow(
			faultWorkflow([{ fault: 'kind=reset' }], {
				path: 'files/download/never.bin',
				options: { ...fastRetry({ maxRetries: 1 }), responseFormat: 'file' },
			}),
		);
		expect(failed.status).toBe('error');
		expect(errorMessage(failed)).toContain(
			'The connection was closed before the response was complete',
		);
		expect(attemptsAt('files/download/never.bin')).toHaveLength(2);
	});

	it('does not retry statuses outside Retry On, nor with Max Retries 0', async () => {
		const notListed = await fixture.runWorkflow(
			faultWorkflow([{ fault: 'kind=status;status=500;times=1' }], {
				path: 'a',
				options: fastRetry(),
			}),
		);
		const off = await fixture.runWorkflow(
			faultWorkflow([{ fault: 'kind=status;status=503;times=1' }], {
				path: 'b',
				options: fastRetry({ maxRetries: 0 }),
			}),
		);
		expect([notListed.status, off.status]).toEqual(['error', 'error']);
		expect(attemptsAt('a')).toHaveLength(1);
		expect(attemptsAt('b')).toHaveLength(1);
	});

	it('says how many attempts were made and how long was waited when retries run out', async () => {
		const result = await fixture.runWorkflow(
			faultWorkflow([{ fault: 'kind=status;status=503' }], {
				path: 'v2/customers',
				options: fastRetry({ maxRetries: 2 }),
			}),
		);
		expect(result.status).toBe('error');
		expect(errorMessage(result)).toMatch(
			/Upstream returned 503 .*\(3 attempts, waited [\d.]+ s in all\)/,
		);
		expect(attemptsAt('v2/customers')).toHaveLength(3);
	});
});

describe('Retry-After', () => {
	it('waits Retry-After given in seconds', async () => {
		const result = await fixture.runWorkflow(
			faultWorkflow([{ fault: 'kind=status;status=429;retryAfter=1;times=1' }], {
				path: 'v2/customers',
			}),
		);
		expect(result.status).toBe('success');
		expect(gapMs('v2/customers')).toBeGreaterThanOrEqual(900);
	});

	it('waits Retry-After given as an HTTP-date', async () => {
		// The date has whole seconds, so 2 s from now is between 1 and 2 s away.
		const result = await fixture.runWorkflow(
			faultWorkflow([{ fault: 'kind=status;status=503;retryAfterDate=2;times=1' }], {
				path: 'v2/customers',
			}),
		);
		expect(result.status).toBe('success');
		expect(gapMs('v2/customers')).toBeGreaterThanOrEqual(900);
	});

	it('waits retry-after-ms', async () => {
		const result = await fixture.runWorkflow(
			faultWorkflow([{ fault: 'kind=unified429;retryAfterMs=300;times=1' }], {
				path: 'v2/customers',
			}),
		);
		expect(result.status).toBe('success');
		expect(gapMs('v2/customers')).toBeGreaterThanOrEqual(250);
	});

	it('fails at once, with the asked figure, when Retry-After is beyond Max Wait', async () => {
		const result = await fixture.runWorkflow(
			faultWorkflow([{ fault: 'kind=status;status=429;retryAfter=120;times=1' }], {
				method: 'POST',
				path: 'v2/customers',
			}),
		);
		expect(result.status).toBe('error');
		expect(errorMessage(result)).toContain('asked to wait 120 s');
		expect(errorMessage(result)).toContain('60 s "Max Wait"');
		expect(attemptsAt('v2/customers')).toHaveLength(1);
	});
});

describe('timeouts and connection failures', () => {
	it('ends a response whose headers do not come within Timeout', async () => {
		const result = await fixture.runWorkflow(
			faultWorkflow([{ fault: 'kind=slowHeaders;delayMs=3000' }], {
				path: 'v2/customers',
				options: { timeout: 300, ...fastRetry({ maxRetries: 0 }) },
			}),
		);
		expect(result.status).toBe('error');
		expect(errorMessage(result)).toContain(
			'No response within 0.3 s (timeout) (connection conn_acme, path v2/customers)',
		);
		expect(attemptsAt('v2/customers')).toHaveLength(1);
	});

	it('retries a GET that timed out, once the upstream is fast again', async () => {
		const result = await fixture.runWorkflow(
			faultWorkflow([{ fault: 'kind=slowHeaders;delayMs=5000;times=1' }], {
				path: 'v2/customers',
				options: { timeout: 1500, ...fastRetry() },
			}),
		);
		expect(result.status).toBe('success');
		expect(attemptsAt('v2/customers')).toHaveLength(2);
	});

	it('ends a body that stalls, with a message saying so', async () => {
		const result = await fixture.runWorkflow(
			faultWorkflow([{ fault: 'kind=slowBody;delayMs=3000' }], {
				path: 'v2/customers',
				options: { timeout: 300, ...fastRetry({ maxRetries: 1 }) },
			}),
		);
		expect(result.status).toBe('error');
		expect(errorMessage(result)).toContain(
			'The response stalled: no data for 0.3 s while reading the body',
		);
		expect(errorMessage(result)).toContain('(2 attempts, waited');
		expect(attemptsAt('v2/customers')).toHaveLength(2);
	});

	it('retries even a POST when the connection was refused (nothing was sent)', async () => {
		const closed = createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const { port } = closed.address() as AddressInfo;
		await new Promise<void>((resolve) => closed.close(() => resolve()));
		const result = await fixture.runWorkflow(
			faultWorkflow([{}], {
				method: 'POST',
				path: 'v2/customers',
				options: fastRetry({ maxRetries: 2 }),
			}),
			{ credentials: { baseUrl: `http://127.0.0.1:${port}` } },
		);
		expect(result.status).toBe('error');
		expect(errorMessage(result)).toContain(
			'Connection refused by the Unified.to API host (connection conn_acme, path v2/customers) (3 attempts',
		);
		expect(fixture.sim.received).toEqual([]);
	});
});
