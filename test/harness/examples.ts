import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeExecutionData } from 'n8n-workflow';

import { PACKAGE_ROOT, type WorkflowDefinition } from './engine';

export interface ExampleWorkflow extends WorkflowDefinition {
	file: string;
	name: string;
}

export const EXAMPLES_DIR = join(PACKAGE_ROOT, 'examples');

/** The importable workflows in examples/, as saved by n8n's editor. */
export function loadExamples(): ExampleWorkflow[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const workflow = JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as ExampleWorkflow & {
				pinData?: Record<string, INodeExecutionData[]>;
			};
			const pinData = workflow.pinData && Object.keys(workflow.pinData).length ? workflow.pinData : undefined;
			return { ...workflow, file, pinData };
		});
}
