import { describe, expect, it } from 'vitest';

import { runWorkflow } from '../harness/engine';
import { loadExamples } from '../harness/examples';
import { useSimulator } from '../harness/fixture';

const fixture = useSimulator();

describe('every workflow in examples/ runs against the simulator', () => {
	it.each(loadExamples().map((example) => [example.file, example] as const))('%s', async (_file, example) => {
		const result = await runWorkflow(example, { credentials: { apiKey: fixture.sim.apiKey, baseUrl: fixture.sim.baseUrl } });
		expect(result.error?.message).toBeUndefined();
		expect(result.status).toBe('success');
		for (const node of example.nodes) expect(result.output(node.name)?.length ?? 0, node.name).toBeGreaterThan(0);
	});

	it('HubSpot contacts → Slack posts one digest naming the contacts', async () => {
		const example = loadExamples().find((candidate) => candidate.file === 'hubspot-contacts-to-slack.json');
		const result = await runWorkflow(example!, { credentials: { apiKey: fixture.sim.apiKey, baseUrl: fixture.sim.baseUrl } });
		const [posted] = result.output('Post to Slack') ?? [];
		expect((posted.json.message as { text: string }).text).toContain('• Ann <ann.101@example.com>');
	});
});
