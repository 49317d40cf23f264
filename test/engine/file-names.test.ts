import { describe, expect, it } from 'vitest';

import type { RunResult } from '../harness/engine';
import { useSimulator } from '../harness/fixture';
import { connectionById } from '../harness/workflow';

// The file name of a download comes from the upstream's Content-Disposition: it ends up in n8n's UI, in file
// names written by later nodes, and in e-mails. It must not carry a path, "..", control characters or bidi tricks.
const fixture = useSimulator();

/** A download whose Content-Disposition is `disposition`; `extra` adds to the query (`&rawUtf8=1`). */
const download = (disposition: string, extra = '') => ({
	connection: connectionById('conn_acme'),
	method: 'GET',
	path: `files/download/fallback.pdf?size=10&type=application/pdf&disposition=${encodeURIComponent(disposition)}${extra}`,
});

/** The downloaded file's name, from a run that must have succeeded. */
function downloadedName(result: RunResult): string | undefined {
	expect(result.error).toBeUndefined();
	const binary = result.output('Passthrough')![0].binary!.data;
	expect(binary.directory).toBeUndefined();
	return binary.fileName;
}

describe('file names from Content-Disposition', () => {
	it('reads a raw UTF-8 filename= as UTF-8', async () => {
		expect(
			downloadedName(
				await fixture.run(download('attachment; filename="Übersicht 報告.pdf"', '&rawUtf8=1')),
			),
		).toBe('Übersicht 報告.pdf');
	});

	it('keeps a latin1 filename= as latin1', async () => {
		expect(downloadedName(await fixture.run(download('attachment; filename="Müller.pdf"')))).toBe(
			'Müller.pdf',
		);
	});

	it.each([
		[
			'a right-to-left override (raw UTF-8)',
			'attachment; filename="invoice\u202Efdp.exe"',
			'&rawUtf8=1',
			'invoicefdp.exe',
		],
		[
			'a right-to-left override (filename*)',
			`attachment; filename*=UTF-8''invoice%E2%80%AEfdp.exe`,
			'',
			'invoicefdp.exe',
		],
		[
			'isolates and marks',
			`attachment; filename*=UTF-8''%E2%81%A6a%E2%81%A9%E2%80%8Eb%E2%80%8F.pdf`,
			'',
			'ab.pdf',
		],
		['line breaks and NUL', `attachment; filename*=UTF-8''a%0D%0Ab%00c.pdf`, '', 'abc.pdf'],
		['an escape sequence', `attachment; filename*=UTF-8''%1B%5B2Jreport.pdf`, '', '[2Jreport.pdf'],
		['C1 controls', 'attachment; filename="a\u0085b\u009b.pdf"', '', 'ab.pdf'],
		[
			'a path',
			`attachment; filename*=UTF-8''..%2F..%2F.ssh%2Fauthorized_keys`,
			'',
			'authorized_keys',
		],
		['a Windows path', 'attachment; filename="..\\\\..\\\\boot.ini"', '', 'boot.ini'],
		['fullwidth slashes', `attachment; filename*=UTF-8''..%EF%BC%8F..%EF%BC%8Fx.pdf`, '', 'x.pdf'],
	])('removes %s', async (_label, disposition, extra, name) => {
		expect(downloadedName(await fixture.run(download(disposition, extra)))).toBe(name);
	});

	it.each([
		'attachment; filename=".."',
		'attachment; filename="."',
		`attachment; filename*=UTF-8''%2E%2E`,
		`attachment; filename*=UTF-8''%EF%BC%8E%EF%BC%8E`,
		'attachment; filename="x/.."',
	])("falls back to the path's name for %s", async (disposition) => {
		expect(downloadedName(await fixture.run(download(disposition)))).toBe('fallback.pdf');
	});
});
