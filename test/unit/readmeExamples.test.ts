import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('README', () => {
	it('lists every workflow of examples/ in its examples table', () => {
		const listed = [...readme.matchAll(/^\| `([^`]+\.json)` \|/gm)].map((match) => match[1]);
		const files = readdirSync(join(root, 'examples')).filter((file) => file.endsWith('.json'));
		expect(listed.sort()).toEqual(files.sort());
	});
});
