import { request } from 'undici';

import type { BenchCase } from '../run';
import { runWorkflow } from '../../test/harness/engine';
import { connectionById, passthroughWorkflow } from '../../test/harness/workflow';
import { startSimulator } from '../../test/simulator';
import { measure } from '../support/measure';

const CONTACTS = 50_000;
const PAGE = 100;

export const benchCase: BenchCase = {
	name: 'pagination',
	description: `${CONTACTS} HubSpot contacts in pages of ${PAGE} through the engine, vs a bare undici loop paging the same data`,
	async run() {
		const sim = await startSimulator({ hubspotContacts: CONTACTS });
		const credentials = { apiKey: sim.apiKey, baseUrl: sim.baseUrl };
		const workflow = (maxPages: number) =>
			passthroughWorkflow([{}], {
				parameters: {
					connection: connectionById('conn_hubspot'),
					method: 'GET',
					path: '/crm/v3/objects/contacts',
					sendQuery: true,
					queryParameters: { parameters: [{ name: 'limit', value: String(PAGE) }] },
					options: { pagination: { settings: { mode: 'hubspot', maxPages } } },
				},
			});

		const bare = async () => {
			const records: unknown[] = [];
			let after: string | undefined;
			do {
				const query = `limit=${PAGE}${after ? `&after=${encodeURIComponent(after)}` : ''}`;
				const response = await request(
					`${sim.baseUrl}/passthrough/conn_hubspot/crm/v3/objects/contacts?${query}`,
					{
						headers: { authorization: `Bearer ${sim.apiKey}` },
					},
				);
				const body = (await response.body.json()) as {
					results: unknown[];
					paging?: { next?: { after?: string } };
				};
				records.push(...body.results);
				after = body.paging?.next?.after;
			} while (after);
			return records.length;
		};

		// Warm both paths (module loading, sockets, JIT) on a few pages before measuring.
		await runWorkflow(workflow(3), { credentials });
		await bare();
		// The bare loop runs first so that its peak RSS is not the engine run's high-water mark.
		const loop = await measure(bare);
		if (loop.result !== CONTACTS)
			throw new Error(`bare loop read ${loop.result} records, expected ${CONTACTS}`);
		const engine = await measure(async () => {
			const result = await runWorkflow(workflow(0), { credentials });
			if (result.status !== 'success') throw result.error ?? new Error(`run ${result.status}`);
			return result.output('Passthrough')?.length ?? 0;
		});
		if (engine.result !== CONTACTS)
			throw new Error(`engine read ${engine.result} records, expected ${CONTACTS}`);

		const rate = (ms: number) => Math.round(CONTACTS / (ms / 1000));
		const line = (label: string, figures: typeof loop) =>
			`${label}: ${figures.ms.toFixed(0)} ms, ${rate(figures.ms)} records/s, RSS ${figures.startRssMb.toFixed(0)} MB before, peak ${figures.peakRssMb.toFixed(0)} MB`;
		console.log('(one process: the simulator, serving the same pages, shares the RSS)');
		console.log(line('bare undici loop', loop));
		console.log(line('engine + node', engine));
		console.log(`ratio (engine time / bare loop time): ${(engine.ms / loop.ms).toFixed(2)}x`);
		await sim.close();
	},
};
