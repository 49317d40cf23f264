import type { PackageDirectoryLoader } from 'n8n-core';
import type { ICredentialType, INodeType, IVersionedNodeType } from 'n8n-workflow';

/**
 * Which node types n8n lets decrypt a credential type, computed as n8n 2.41's CLI does for an installed package:
 * the loader's `supportedNodes` (the package's nodes that declare the credential), prefixed with the package name
 * (load-nodes-and-credentials), plus the `<name>Tool` variant n8n derives from each `usableAsTool` node
 * (tool-generation copyCredentialSupport). CredentialsHelper.isCredentialUsableByNode refuses any other node type
 * when the credential sets `restrictToSupportedNodes`, and n8n-core asks it before every getCredentials.
 */
export interface CredentialPolicy {
	restricted: boolean;
	usableBy: ReadonlySet<string>;
}

export function credentialPolicyOf(
	loader: PackageDirectoryLoader,
	packageName: string,
	credentialType: string,
): CredentialPolicy {
	const credential: ICredentialType = loader.getCredential(credentialType).type;
	const supported = loader.known.credentials[credentialType]?.supportedNodes ?? [];
	const usableBy = new Set<string>();
	for (const name of supported) {
		usableBy.add(`${packageName}.${name}`);
		const nodeType = loader.getNode(name).type as INodeType | IVersionedNodeType;
		if ('description' in nodeType && nodeType.description.usableAsTool)
			usableBy.add(`${packageName}.${name}Tool`);
	}
	return { restricted: credential.restrictToSupportedNodes === true, usableBy };
}

export function isCredentialUsableByNode(
	policy: CredentialPolicy | undefined,
	nodeType: string,
): boolean {
	return !policy?.restricted || policy.usableBy.has(nodeType);
}
