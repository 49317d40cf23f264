import { describe, expect, it } from 'vitest';

import { FaultInjector, faultRule, parseFaultHeader } from './faults';

const target = { connectionId: 'conn_acme', method: 'GET', path: 'v2/customers' };

describe('parseFaultHeader', () => {
	it('reads every key of a rule, matching keys included', () => {
		expect(
			parseFaultHeader(
				'kind=status; status=429; retryAfter=2; times=2; after=1; key=k; connectionId=conn_slack; pathPrefix=api/; method=post',
			),
		).toEqual({
			kind: 'status',
			status: 429,
			retryAfter: 2,
			times: 2,
			after: 1,
			key: 'k',
			connectionId: 'conn_slack',
			pathPrefix: 'api/',
			method: 'POST',
		});
	});

	it('gives the same rule as faults.add() would keep', () => {
		expect(parseFaultHeader('kind=reset;times=1;pathPrefix=files/')).toEqual(
			faultRule({ kind: 'reset', times: 1, pathPrefix: 'files/' }),
		);
	});

	it('reads no rule from an empty header, and kind status when none is given', () => {
		expect(parseFaultHeader(undefined)).toBeUndefined();
		expect(parseFaultHeader('  ')).toBeUndefined();
		expect(parseFaultHeader('status=500')).toEqual({ kind: 'status', status: 500 });
	});

	it.each([
		['kind=status;statsu=503', /unknown key "statsu"/],
		['kind=reset;times', /"times" must be a number, not ""/],
		['reset', /unknown key "reset"/],
		['kind=explode', /unknown kind "explode"/],
		['kind=status;status=abc', /"status" must be a number, not "abc"/],
		['kind=reply;reply=x', /"reply" can only be given through faults.add\(\)/],
	])('refuses %j', (header, message) => {
		expect(() => parseFaultHeader(header)).toThrow(message);
	});
});

describe('FaultInjector', () => {
	it('refuses an added rule with an unknown key, as the header does', () => {
		const faults = new FaultInjector();
		expect(() => faults.add({ kind: 'status', pathprefix: 'x' } as never)).toThrow(
			/unknown key "pathprefix"/,
		);
	});

	it('applies a header rule with after and times: through, through, fault, fault, through', () => {
		const faults = new FaultInjector();
		const rule = parseFaultHeader('kind=status;status=429;after=2;times=2');
		const picked = Array.from({ length: 5 }, () => faults.pick(target, rule)?.status);
		expect(picked).toEqual([undefined, undefined, 429, 429, undefined]);
	});

	it('applies a header rule only to its method, connection and path prefix', () => {
		const faults = new FaultInjector();
		expect(faults.pick(target, parseFaultHeader('kind=reset;method=POST'))).toBeUndefined();
		expect(
			faults.pick(target, parseFaultHeader('kind=reset;connectionId=conn_slack')),
		).toBeUndefined();
		expect(faults.pick(target, parseFaultHeader('kind=reset;pathPrefix=files/'))).toBeUndefined();
		expect(
			faults.pick(target, parseFaultHeader('kind=reset;method=get;pathPrefix=v2/'))?.kind,
		).toBe('reset');
	});

	it('picks an added rule for its matching requests only', () => {
		const faults = new FaultInjector();
		faults.add({
			kind: 'status',
			status: 503,
			method: 'put',
			pathPrefix: 'files/upload',
			times: 1,
		});
		expect(faults.pick(target)).toBeUndefined();
		expect(faults.pick({ ...target, method: 'PUT', path: 'files/upload' })?.status).toBe(503);
		expect(faults.pick({ ...target, method: 'PUT', path: 'files/upload' })).toBeUndefined();
	});
});
