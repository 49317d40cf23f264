import { createRequire } from 'node:module';
import { join } from 'node:path';

import { defineConfig } from 'vitest/config';

// Used by scripts/test-compat.mjs: the same engine tests, with n8n-core and n8n-workflow resolved from the
// n8n 1.x host folder it installed (N8N_COMPAT_DIR).
const dir = process.env.N8N_COMPAT_DIR;
if (!dir) throw new Error('Run this through `npm run test:compat`');
const host = createRequire(join(dir, 'package.json'));

export default defineConfig({
	resolve: {
		alias: [
			{ find: /^n8n-core$/, replacement: host.resolve('n8n-core') },
			{ find: /^n8n-workflow$/, replacement: host.resolve('n8n-workflow') },
		],
	},
	test: {
		include: [
			'test/engine/examples.test.ts',
			'test/engine/connectionPicker.test.ts',
			'test/engine/externalXref.test.ts',
			'test/engine/toolMode.test.ts',
			'test/engine/description.test.ts',
			// The polling trigger: n8n 1.x has no poll budget and no staged static data.
			'test/engine/trigger/**/*.test.ts',
			// The webhook trigger through n8n-core's HookContext and WebhookContext.
			'test/engine/webhook-trigger/**/*.test.ts',
		],
		// As in vitest.config.mts: no engine test on a dist/ older than the sources, and the files of a worker
		// share its process, with what a file could leave behind put back before each file.
		globalSetup: ['test/harness/checkDist.ts'],
		setupFiles: ['test/harness/eachFile.ts', 'test/harness/eachEngineFile.ts'],
		testTimeout: 60_000,
		hookTimeout: 60_000,
		pool: 'forks',
		isolate: false,
		maxWorkers: 2,
		restoreMocks: true,
		unstubEnvs: true,
		unstubGlobals: true,
	},
});
