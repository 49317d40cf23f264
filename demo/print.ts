import type { INodeExecutionData } from 'n8n-workflow';

import type { RunResult } from '../test/harness/engine';

const MAX_ITEMS = 3;
const MAX_CHARS = 600;

function summarizeBinary(item: INodeExecutionData): string {
	return Object.entries(item.binary ?? {})
		.map(
			([name, data]) =>
				`[binary ${name}: ${data.fileName ?? '?'} ${data.mimeType} ${data.fileSize ?? ''}]`,
		)
		.join(' ');
}

function indent(text: string, prefix: string): string {
	return text
		.split('\n')
		.map((line) => prefix + line)
		.join('\n');
}

/** Prints each executed node's output: item count, then the first items as indented JSON. */
export function printRun(title: string, result: RunResult, nodeNames: string[]): void {
	console.log(`\n▶ ${title}`);
	console.log(`  status: ${result.status}`);
	for (const name of nodeNames) {
		const items = result.output(name);
		if (!items) continue;
		console.log(`  ● ${name}: ${items.length} item${items.length === 1 ? '' : 's'}`);
		for (const item of items.slice(0, MAX_ITEMS)) {
			let text = JSON.stringify(item.json, null, 2);
			if (text.length > MAX_CHARS)
				text = `${text.slice(0, MAX_CHARS)}\n… (${text.length - MAX_CHARS} more characters)`;
			console.log(indent(text, '      '));
			const binary = summarizeBinary(item);
			if (binary) console.log(`      ${binary}`);
		}
		if (items.length > MAX_ITEMS) console.log(`      … and ${items.length - MAX_ITEMS} more`);
	}
	if (result.error) {
		console.log(`  ✖ ${result.error.message}`);
		if (result.error.description) console.log(`    ${result.error.description}`);
	}
}
