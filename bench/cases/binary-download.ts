import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

import type { BenchCase } from '../run';
import { simulatorProcess } from '../support/simulatorProcess';
import { useFilesystemBinaryData } from '../../test/harness/binaryStore';
import { runWorkflow } from '../../test/harness/engine';
import { connectionById, passthroughWorkflow } from '../../test/harness/workflow';
import { fileSha256 } from '../../test/simulator/data';
import { startSimulator } from '../../test/simulator';
import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';

const MB = 1024 * 1024;

async function storedSha256(path: string): Promise<string> {
	const hash = createHash('sha256');
	for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
	return hash.digest('hex');
}

export const benchCase: BenchCase = {
	name: 'binary-download',
	description:
		'a 200 MB file download (BENCH_SIZE_MB to change) into n8n binary data in filesystem mode: peak RSS growth of the n8n process',
	async run() {
		const size = Number(process.env.BENCH_SIZE_MB ?? 200) * MB;
		const storagePath = await useFilesystemBinaryData();
		const inProcess = process.env.BENCH_SIMULATOR === 'in-process';
		const sim = inProcess ? await startSimulator() : await simulatorProcess();
		console.log(
			`simulator: ${inProcess ? 'in this process (its memory counts too)' : 'separate process'}`,
		);
		const credentials = { apiKey: sim.apiKey, baseUrl: sim.baseUrl };
		const workflow = (bytes: number) =>
			passthroughWorkflow([{}], {
				parameters: {
					connection: connectionById('conn_acme'),
					method: 'GET',
					path: `/files/download/big.bin?size=${bytes}`,
				},
			});

		// Warm up: load n8n-core, the package and undici's pool, so only the download itself is measured.
		await runWorkflow(workflow(MB), { credentials });
		global.gc?.();
		const before = process.memoryUsage();
		const baseline = before.rss;
		let peak = baseline;
		let peakHeap = 0;
		let peakBuffers = 0;
		const sampler = setInterval(() => {
			const usage = process.memoryUsage();
			peak = Math.max(peak, usage.rss);
			peakHeap = Math.max(peakHeap, usage.heapUsed);
			peakBuffers = Math.max(peakBuffers, usage.arrayBuffers);
		}, 5);
		const started = performance.now();
		const result = await runWorkflow(workflow(size), { credentials });
		const elapsed = performance.now() - started;
		clearInterval(sampler);
		peak = Math.max(peak, process.memoryUsage().rss);
		if (result.error) throw result.error;

		const binary = result.output('Passthrough')![0].binary!.data;
		const path = Container.get(BinaryDataService).getPath(binary.id!);
		const intact = (await storedSha256(path)) === fileSha256(size);
		console.log(
			`stored as ${binary.id} under ${storagePath}, ${binary.bytes} bytes, sha256 ${intact ? 'matches' : 'DIFFERS'}`,
		);
		console.log(
			`download: ${(elapsed / 1000).toFixed(2)} s, ${(size / MB / (elapsed / 1000)).toFixed(0)} MB/s`,
		);
		console.log(
			`RSS baseline ${(baseline / MB).toFixed(1)} MB, peak ${(peak / MB).toFixed(1)} MB, peak growth ${((peak - baseline) / MB).toFixed(1)} MB (budget 64 MB)`,
		);
		console.log(
			`JS heap used ${(before.heapUsed / MB).toFixed(1)} -> peak ${(peakHeap / MB).toFixed(1)} MB, ArrayBuffers ${(before.arrayBuffers / MB).toFixed(1)} -> peak ${(peakBuffers / MB).toFixed(1)} MB`,
		);
		await sim.close();
	},
};
