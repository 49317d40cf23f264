import type { BenchCase } from '../run';
import { runWorkflow } from '../../test/harness/engine';
import { createPoller } from '../../test/harness/poll';
import { connectionById, passthroughWorkflow } from '../../test/harness/workflow';
import { startSimulator } from '../../test/simulator';
import { ACME_CHANGES } from '../../test/simulator/upstreams/acmeChanges';
import { measure } from '../support/measure';

const RECORDS = 50_000;
const PAGE = 100;

export const benchCase: BenchCase = {
	name: 'trigger',
	description: `one trigger poll emitting ${RECORDS} changed records (custom source, pages of ${PAGE}) vs the action node paging the same data`,
	async run() {
		const sim = await startSimulator();
		const credentials = { apiKey: sim.apiKey, baseUrl: sim.baseUrl };
		const request = {
			connection: connectionById('conn_acme'),
			method: 'GET',
			path: 'v2/changes',
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'limit', value: String(PAGE) }] },
		};
		const pagination = { mode: 'cursor', cursorPath: 'next_cursor', cursorParameter: 'cursor' };
		const action = (maxPages: number) =>
			passthroughWorkflow([{}], {
				parameters: {
					...request,
					options: { pagination: { settings: { ...pagination, maxPages } } },
				},
			});
		const trigger = () =>
			createPoller({
				credentials,
				parameters: {
					...request,
					source: 'custom',
					pagination: { settings: pagination },
					recordsPath: 'data',
					options: { firstPoll: 'emitAll', maxRecordsPerPoll: RECORDS },
				},
			});
		const poll = async () => {
			const result = await (await trigger()).poll();
			if (result.error) throw result.error;
			return result.items ?? [];
		};

		sim.feed.seed(ACME_CHANGES, () => []);
		sim.feed.addMany(ACME_CHANGES, RECORDS, (index) => ({ name: `Record ${index}`, n: index }));
		// Warm both paths (module loading, sockets, JIT) before measuring.
		await runWorkflow(action(3), { credentials });
		await poll();

		const runNode = async () => {
			const result = await runWorkflow(action(0), { credentials });
			if (result.status !== 'success') throw result.error ?? new Error(`run ${result.status}`);
			const items = result.output('Passthrough') ?? [];
			if (items.length !== RECORDS) throw new Error(`action node read ${items.length} records`);
			return items;
		};
		const runTrigger = async () => {
			const items = await poll();
			if (items.length !== RECORDS) throw new Error(`trigger emitted ${items.length} records`);
			return items;
		};
		// Alternated, best of three each: the machine is shared, and one run's garbage lands in the next one's time.
		const best = <T extends { ms: number }>(runs: T[]) =>
			runs.reduce((a, b) => (b.ms < a.ms ? b : a));
		const nodeRuns = [];
		const triggerRuns = [];
		for (let round = 0; round < 3; round++) {
			const nodeRun = await measure(runNode);
			nodeRun.result.length = 0;
			nodeRuns.push(nodeRun);
			const triggerRun = await measure(runTrigger);
			triggerRun.result.length = 0;
			triggerRuns.push(triggerRun);
		}
		const node = best(nodeRuns);
		const polled = best(triggerRuns);

		const line = (label: string, figures: typeof node) =>
			`${label}: ${figures.ms.toFixed(0)} ms, ${Math.round(RECORDS / (figures.ms / 1000))} records/s, peak RSS growth ${(figures.peakRssMb - figures.startRssMb).toFixed(0)} MB, items held ${figures.heldMb.toFixed(0)} MB, growth beyond the items ${(figures.peakRssMb - figures.startRssMb - figures.heldMb).toFixed(0)} MB`;
		console.log('(one process: the simulator, serving the same pages, shares the RSS)');
		console.log(line('action node, cursor pagination', node));
		console.log(line('trigger poll', polled));
		console.log(`ratio (trigger time / action node time): ${(polled.ms / node.ms).toFixed(2)}x`);
		await sim.close();
	},
};
