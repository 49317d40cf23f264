import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { API_URL_EXPRESSION, REGION_OPTIONS } from '../nodes/UnifiedPassthrough/shared/regions';

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
	];

	// The key opens every connection of the workspace and Unified's own API: only this package's nodes, which send
	// it nowhere but {base}/passthrough/{connection}/..., may decrypt it. n8n 2.x (n8n-core's
	// assertCredentialUsableByNode) refuses every other node, n8n's HTTP Request node and its AI tool included;
	// n8n 1.x ignores the flag.
	restrictToSupportedNodes = true as const;

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: API_URL_EXPRESSION,
			url: '/unified/connection',
			method: 'GET',
			qs: { limit: 1 },
		},
		// n8n shows the status text alone ("Unauthorized") otherwise.
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Wrong API key, or a key from another region: a Unified.to key works only in the region (US, EU or AU) of its workspace',
				},
			},
		],
	};
}
