import type {
	ICredentialTestFunction,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
	INodeType,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE, loadPackage } from './engine';

/**
 * Runs the credential's test the way n8n's CredentialsTester does when the credential type has no `test` of its
 * own: the first node the credential supports whose description names a `testedBy` method, called with the
 * decrypted credential. Proves what the built package gives n8n, not a copy of its logic.
 */
export async function testCredential(
	data: Record<string, string>,
): Promise<INodeCredentialTestResult & { testedBy: string[] }> {
	const { loader, credential } = await loadPackage();
	if (credential.test) throw new Error('the credential has a test request: n8n would run that');
	const testedBy: string[] = [];
	let test: ICredentialTestFunction | undefined;
	for (const name of loader.known.credentials[CREDENTIAL_TYPE].supportedNodes ?? []) {
		const node = loader.getNode(name).type as INodeType;
		const declared = node.description.credentials?.find(
			(entry) => entry.name === CREDENTIAL_TYPE,
		)?.testedBy;
		if (typeof declared !== 'string') continue;
		testedBy.push(`${name}.${declared}`);
		test ??= node.methods?.credentialTest?.[declared];
	}
	if (!test) throw new Error('no node of the package tests the credential');
	const context = {
		logger: console,
		helpers: {
			request: () => {
				throw new Error('not used');
			},
		},
	} as unknown as ICredentialTestFunctions;
	const result = await test.call(context, {
		id: 'cred-1',
		name: 'Unified.to account',
		type: CREDENTIAL_TYPE,
		data,
	});
	return { ...result, testedBy };
}
