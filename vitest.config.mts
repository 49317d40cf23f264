import { createRequire } from 'node:module';

import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
	resolve: {
		// n8n-core requires n8n-workflow's CommonJS build; importing its ESM build in tests would create a second
		// copy whose error classes fail instanceof checks (research brief §3.4).
		alias: { 'n8n-workflow': require.resolve('n8n-workflow') },
	},
	test: {
		testTimeout: 60_000,
		hookTimeout: 60_000,
		pool: 'forks',
		// The test files of a worker share its process and module cache: n8n-core, the harness and the simulator
		// load once per worker instead of once per file. What one file could leave behind for the next (the
		// environment, timers, spies, the package's per-connection flow controllers, n8n's binary data mode) is
		// put back before each file by the setupFiles below; each file still starts its own simulator.
		isolate: false,
		// Two even on two cores: the engine tests wait on loopback I/O much of the time.
		maxWorkers: 2,
		restoreMocks: true,
		unstubEnvs: true,
		unstubGlobals: true,
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: [
						'test/unit/**/*.test.ts',
						'test/simulator/**/*.test.ts',
						'test/harness/**/*.test.ts',
					],
					setupFiles: ['test/harness/eachFile.ts'],
				},
			},
			// The engine tests load the built package: they refuse to start on a dist/ older than the sources.
			{
				extends: true,
				test: {
					name: 'engine',
					include: ['test/engine/**/*.test.ts'],
					globalSetup: ['test/harness/checkDist.ts'],
					setupFiles: ['test/harness/eachFile.ts', 'test/harness/eachEngineFile.ts'],
				},
			},
		],
	},
});
