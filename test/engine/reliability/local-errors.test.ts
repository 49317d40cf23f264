import { afterEach, describe, expect, it } from 'vitest';

import { diskFullError, failBinaryWrites } from '../../harness/binaryStore';
import { useSimulator } from '../../harness/fixture';
import { errorMessage, fastRetry, faultWorkflow, keyNeverShown } from './helpers';

const fixture = useSimulator({}, keyNeverShown);

let restoreBinaryStore: (() => void) | undefined;
afterEach(() => {
	restoreBinaryStore?.();
	restoreBinaryStore = undefined;
});

const DOWNLOAD = 'files/download/big.zip?size=1048576&type=application/zip';
const downloads = () => fixture.sim.log.filter((entry) => entry.path === 'files/download/big.zip');

describe('local failures are not network errors, and are not retried', () => {
	it('a full disk while storing a download fails at once, saying so, without downloading again', async () => {
		restoreBinaryStore = failBinaryWrites(diskFullError);
		const result = await fixture.runWorkflow(
			faultWorkflow([{}], { path: DOWNLOAD, options: fastRetry() }),
		);
		expect(result.status).toBe('error');
		expect(errorMessage(result)).toBe(
			'The disk of the n8n machine is full (ENOSPC) (connection conn_acme, path files/download/big.zip) [item 0]',
		);
		expect(result.error?.description).toContain('Free disk space');
		expect(downloads()).toHaveLength(1);
	});

	it('an error without a code in the binary store is reported as the local error it is', async () => {
		restoreBinaryStore = failBinaryWrites(() => new Error('Binary data storage refused the file'));
		const result = await fixture.runWorkflow(
			faultWorkflow([{}], { path: DOWNLOAD, options: fastRetry() }),
		);
		expect(result.status).toBe('error');
		expect(errorMessage(result)).toContain(
			'Local error on the n8n machine, not a network error: Binary data storage refused the file',
		);
		expect(errorMessage(result)).not.toMatch(/^Network error/);
		expect(downloads()).toHaveLength(1);
	});

	it('with Continue On Fail, the disk-full item carries the message and the next item still runs', async () => {
		restoreBinaryStore = failBinaryWrites(diskFullError);
		const result = await fixture.runWorkflow(
			faultWorkflow([{}], {
				path: DOWNLOAD,
				options: fastRetry(),
				settings: { onError: 'continueRegularOutput' },
			}),
		);
		expect(result.status).toBe('success');
		expect(result.output('Passthrough')?.[0].json.error).toContain(
			'The disk of the n8n machine is full (ENOSPC)',
		);
		expect(downloads()).toHaveLength(1);
	});

	it('a network failure mid-download is still retried', async () => {
		const result = await fixture.runWorkflow(
			faultWorkflow([{ fault: 'kind=reset;times=1' }], { path: DOWNLOAD, options: fastRetry() }),
		);
		expect(result.status).toBe('success');
		expect(result.output('Passthrough')?.[0].binary?.data).toMatchObject({
			fileName: 'big.zip',
			mimeType: 'application/zip',
		});
		expect(downloads()).toHaveLength(2);
	});
});

describe('response headers over the size limit', () => {
	it('fail at once, saying what happened, without sending the GET again', async () => {
		const result = await fixture.runWorkflow(
			faultWorkflow([{ fault: 'kind=hugeHeaders;headerBytes=40000' }], {
				path: 'v2/customers',
				options: fastRetry(),
			}),
		);
		expect(result.status).toBe('error');
		expect(errorMessage(result)).toMatch(
			/^The response headers were larger than the \d+ KiB the HTTP client accepts \(connection conn_acme, path v2\/customers\) \[item 0\]$/,
		);
		expect(result.error?.description).toContain(
			'Not retried: the same request gets the same headers',
		);
		expect(fixture.sim.log.filter((entry) => entry.path === 'v2/customers')).toHaveLength(1);
	});
});
