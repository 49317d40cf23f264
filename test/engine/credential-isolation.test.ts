import type { INode } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { CREDENTIAL_TYPE, HTTP_REQUEST_TYPE, loadPackage, NODE_TYPE } from '../harness/engine';
import { useSimulator } from '../harness/fixture';
import { createPoller, recordsOf } from '../harness/poll';
import { connectionById } from '../harness/workflow';

const fixture = useSimulator({ hubspotContacts: 3 });

/** A workflow whose HTTP Request node was given the Unified.to credential, aimed at `url`. */
function httpRequestWith(url: string) {
	const nodes: INode[] = [
		{
			id: 'trigger',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'http',
			name: 'HTTP Request',
			type: HTTP_REQUEST_TYPE,
			typeVersion: 4.2,
			position: [200, 0],
			parameters: { url, nodeCredentialType: CREDENTIAL_TYPE },
			credentials: { [CREDENTIAL_TYPE]: { id: 'cred-1', name: 'Unified simulator' } },
		},
	];
	return {
		nodes,
		connections: { Start: { main: [[{ node: 'HTTP Request', type: 'main' as const, index: 0 }]] } },
		pinData: { Start: [{ json: {} }] },
	};
}

describe('the workspace key is lent to no node but this package’s own', () => {
	it('the credential is restricted to the nodes that declare it', async () => {
		const { credential, loader } = await loadPackage();
		expect(credential.restrictToSupportedNodes).toBe(true);
		expect(loader.known.credentials[CREDENTIAL_TYPE].supportedNodes).toEqual([
			'unifiedPassthrough',
			'unifiedPassthroughTrigger',
			'unifiedTrigger',
		]);
	});

	it.each([
		['Unified’s own API', '/unified/connection'],
		['another connection’s passthrough', '/passthrough/conn_salesforce/services/data'],
	])(
		'an HTTP Request node given the credential is refused before it reads the key (%s)',
		async (_what, path) => {
			const received: string[] = [];
			const result = await fixture.runWorkflow(httpRequestWith(`${fixture.sim.baseUrl}${path}`));
			received.push(...fixture.passthroughCalls());
			expect(result.status).toBe('error');
			expect(result.error?.message).toBe(
				`Credential type "${CREDENTIAL_TYPE}" is restricted to specific nodes`,
			);
			expect(result.output('HTTP Request')).toBeUndefined();
			expect(received).toEqual([]);
			expect(JSON.stringify(result.error)).not.toContain(fixture.sim.apiKey);
		},
	);

	it('the Passthrough node and its AI-tool variant still use it', async () => {
		for (const type of [NODE_TYPE, `${NODE_TYPE}Tool`]) {
			const result = await fixture.run(
				{
					connection: connectionById('conn_hubspot'),
					method: 'GET',
					path: 'crm/v3/objects/contacts',
				},
				[{}],
				{ type },
			);
			expect(result.status).toBe('success');
			expect(result.output('Passthrough')).toHaveLength(1);
		}
		expect(fixture.passthroughCalls()).toEqual([
			'GET conn_hubspot/crm/v3/objects/contacts',
			'GET conn_hubspot/crm/v3/objects/contacts',
		]);
	});

	it('the Passthrough Trigger still uses it', async () => {
		const trigger = await createPoller({
			credentials: fixture.credentials,
			parameters: {
				connection: connectionById('conn_hubspot'),
				source: 'hubspot',
				options: { firstPoll: 'emitAll' },
			},
		});
		expect(recordsOf(await trigger.poll())).toHaveLength(3);
	});
});
