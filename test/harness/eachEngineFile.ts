// Vitest setupFiles of the engine project, after eachFile.ts: the engine tests share the worker's n8n-core and
// the package loaded from dist/ (test/harness/engine.ts caches it), so each file starts with the flow
// controllers of dist/ forgotten and n8n's binary data back in its default, in-memory mode.
import { beforeAll } from 'vitest';

import { forgetBinaryDataSetup } from './binaryStore';
import { forgetFlowControl } from './engine';

beforeAll(() => {
	forgetFlowControl();
	forgetBinaryDataSetup();
});
