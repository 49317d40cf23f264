import '../test/harness/env';

import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm run bench [-- <case-name>...]`: runs every case in bench/cases (or the named ones). Each case prints
 * its own figures and ratios; nothing here asserts a time.
 */
export interface BenchCase {
	name: string;
	description: string;
	run(): Promise<void>;
}

async function main(): Promise<void> {
	const wanted = process.argv.slice(2);
	const folder = join(__dirname, 'cases');
	const files = readdirSync(folder)
		.filter((file) => file.endsWith('.ts'))
		.sort();
	for (const file of files) {
		const module = (await import(join(folder, file))) as { benchCase?: BenchCase };
		const benchCase = module.benchCase;
		if (!benchCase || (wanted.length && !wanted.includes(benchCase.name))) continue;
		console.log(`\n=== ${benchCase.name}: ${benchCase.description}`);
		await benchCase.run();
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
