// Vitest setupFiles of every project, run again before each test file. The files of one worker share its
// process (isolate: false: n8n-core, the harness and the simulator load once per worker, not once per file), so
// this puts back what a file may have changed for the next one: the environment, fake timers, and what the
// package's per-connection flow controllers learned (see vitest.config.mts).
import './env';

import { afterAll, beforeAll, vi } from 'vitest';

import { forgetAllConnections } from '../../nodes/Unified/core/transport/flow/registry';
import { keepProcessEnv } from './processEnv';

const restoreProcessEnv = keepProcessEnv();

beforeAll(() => forgetAllConnections());

afterAll(() => {
	vi.useRealTimers();
	restoreProcessEnv();
});
