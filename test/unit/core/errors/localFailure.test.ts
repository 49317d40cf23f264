import { describe, expect, it } from 'vitest';

import { localFailure } from '../../../../nodes/Unified/core/errors/localFailure';

const where = { connectionId: 'conn_acme', path: 'files/big.zip' };
const codeError = (code: string, message = `${code}: something`) =>
	Object.assign(new Error(message), { code });

describe('localFailure', () => {
	it('names a full disk, with the connection and path, and says it was not retried', () => {
		const failure = localFailure(
			codeError('ENOSPC', 'ENOSPC: no space left on device, write'),
			where,
		);
		expect(failure.message).toBe(
			'The disk of the n8n machine is full (ENOSPC) (connection conn_acme, path files/big.zip)',
		);
		expect(failure.details.code).toBe('ENOSPC');
		expect(failure.details.description).toContain('Not retried');
	});

	it('names a string over the Node.js limit in both forms it comes in', () => {
		const fromBuffer = localFailure(
			codeError('ERR_STRING_TOO_LONG', 'Cannot create a string longer than 0x1fffffe8 characters'),
			where,
		);
		const fromV8 = localFailure(new RangeError('Invalid string length'), where);
		for (const failure of [fromBuffer, fromV8]) {
			expect(failure.message).toMatch(/^The response is too large to read as text/);
			expect(failure.details.description).toContain('"Response Format" to "File"');
		}
	});

	it('finds the code on a cause', () => {
		expect(
			localFailure(new Error('store failed', { cause: codeError('EACCES') }), where).message,
		).toMatch(/^n8n may not write or read a file it needs \(EACCES\)/);
	});

	it('says "local error, not a network error" for anything else, with a shortened message', () => {
		const failure = localFailure(new Error(`Binary data is broken ${'x'.repeat(1000)}`), where);
		expect(failure.message).toMatch(
			/^Local error on the n8n machine, not a network error: Binary data is broken x+\.\.\. \(connection conn_acme, path files\/big\.zip\)$/,
		);
		expect(failure.message.length).toBeLessThan(450);
		expect(localFailure(codeError('ENOENT'), where).message).toMatch(
			/^Local error on the n8n machine, not a network error \(ENOENT\): /,
		);
		expect(localFailure('a thrown string', where).message).toContain('a thrown string');
	});
});
