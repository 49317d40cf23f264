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
		projects: [
			{
				extends: true,
				test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/simulator/**/*.test.ts'] },
			},
			// The engine tests load the built package: they refuse to start on a dist/ older than the sources.
			{
				extends: true,
				test: {
					name: 'engine',
					include: ['test/engine/**/*.test.ts'],
					globalSetup: ['test/harness/checkDist.ts'],
				},
			},
		],
	},
});
