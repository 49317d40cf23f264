import { describe, expect, it } from 'vitest';

import { useSimulator } from '../../harness/fixture';
import { errorMessage, fastRetry, faultWorkflow, keyNeverShown } from './helpers';

const fixture = useSimulator({}, keyNeverShown);

const MAX_TIMER_MS = 2 ** 31 - 1;
const TEN_YEARS_MS = 10 * 365 * 24 * 60 * 60 * 1000;
const THIRTY_DAYS_S = 30 * 24 * 60 * 60;

describe('time options beyond what a timer holds are refused before any request', () => {
	it('a 10-year Max Wait, with a server asking for 30 days', async () => {
		const result = await fixture.runWorkflow(
			faultWorkflow(
				[
					{ fault: `kind=status;status=429;retryAfter=${THIRTY_DAYS_S}` },
					{ fault: `kind=status;status=429;retryAfter=${THIRTY_DAYS_S}` },
				],
				{
					path: 'v2/customers',
					options: fastRetry({ maxRetries: 10, maxWaitMs: TEN_YEARS_MS }),
				},
			),
		);
		expect(result.status).toBe('error');
		expect(errorMessage(result)).toBe(
			`Parameter "options.retry.maxWaitMs": "Max Wait (Ms)" is ${TEN_YEARS_MS} ms; the most it can be is ${MAX_TIMER_MS} ms (about 24.8 days)`,
		);
		expect(result.error?.description).toContain('no request was sent');
		expect(fixture.sim.log).toHaveLength(0);
	});

	it('a Request Interval of 10 years', async () => {
		const result = await fixture.runWorkflow(
			faultWorkflow([{}, {}], { path: 'v2/customers', options: { requestInterval: TEN_YEARS_MS } }),
		);
		expect(result.status).toBe('error');
		expect(errorMessage(result)).toMatch(
			/^Parameter "options.requestInterval": "Request Interval \(Ms\)" is \d+ ms; the most it can be is 2147483647 ms/,
		);
		expect(fixture.sim.log).toHaveLength(0);
	});

	it('a Timeout of 10 years', async () => {
		const result = await fixture.runWorkflow(
			faultWorkflow([{}], { path: 'v2/customers', options: { timeout: TEN_YEARS_MS } }),
		);
		expect(result.status).toBe('error');
		expect(errorMessage(result)).toMatch(
			/^Parameter "options.timeout": "Timeout \(Ms\)" is \d+ ms/,
		);
		expect(fixture.sim.log).toHaveLength(0);
	});
});

describe('the longest allowed Max Wait', () => {
	it('is accepted, and a Retry-After of 30 days beyond it fails at once with the figure', async () => {
		const result = await fixture.runWorkflow(
			faultWorkflow([{ fault: `kind=status;status=429;retryAfter=${THIRTY_DAYS_S}` }], {
				path: 'v2/customers',
				options: fastRetry({ maxRetries: 10, maxWaitMs: MAX_TIMER_MS }),
			}),
		);
		expect(result.status).toBe('error');
		expect(errorMessage(result)).toContain(
			`asked to wait ${THIRTY_DAYS_S} s before retrying (status 429), more than the 2147483.6 s "Max Wait" allows`,
		);
		expect(fixture.sim.log).toHaveLength(1);
	});

	it('and the longest Request Interval and Timeout are accepted', async () => {
		const result = await fixture.runWorkflow(
			faultWorkflow([{}], {
				path: 'v2/customers',
				options: { requestInterval: MAX_TIMER_MS, timeout: MAX_TIMER_MS },
			}),
		);
		expect(result.status).toBe('success');
		expect(fixture.sim.log).toHaveLength(1);
	});
});
