import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

import { REGION_OPTIONS } from '../nodes/Unified/core/shared/regions';

export class UnifiedApi implements ICredentialType {
	name = 'unifiedApi';

	displayName = 'Unified.to API';

	icon: Icon = { light: 'file:unified.svg', dark: 'file:unified.dark.svg' };

	documentationUrl = 'https://docs.unified.to/guides/how_to_use_our_api';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The workspace API token from app.unified.to → Settings → API',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: REGION_OPTIONS,
			default: 'us',
			description:
				'The data region your Unified.to workspace was registered in. A key only works in its own region.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:4010',
			required: true,
			description:
				'Required for Custom Base URL: the address of the bundled simulator or of a proxy in front of Unified.to, e.g. http://127.0.0.1:4010',
			displayOptions: { show: { region: ['custom'] } },
		},
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"Only for the Unified.to Trigger: your workspace secret from app.unified.to → Settings, which signs every webhook delivery. Without it deliveries are not verified, and anyone who knows the trigger's URL can inject records.",
		},
	];

	// The key opens every connection of the workspace and Unified's own API: only this package's nodes, which send
	// it nowhere but {base}/passthrough/{connection}/..., the connection list and the Unified.to Trigger's own
	// webhook subscriptions, may decrypt it. n8n 2.x (n8n-core's
	// assertCredentialUsableByNode) refuses every other node, n8n's HTTP Request node and its AI tool included.
	// n8n 1.x ignores the flag, so the credential also has no `authenticate`: n8n's HTTP Request node applies a
	// credential through it, and without it has no way to put the key in a request. The nodes test the credential
	// (testedBy: testUnifiedApiCredential).
	restrictToSupportedNodes = true as const;
}
