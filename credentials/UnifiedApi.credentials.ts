import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

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
			options: [
				{ name: 'US (api.unified.to)', value: 'us' },
				{ name: 'EU (api-eu.unified.to)', value: 'eu' },
				{ name: 'AU (api-au.unified.to)', value: 'au' },
				{ name: 'Custom Base URL', value: 'custom' },
			],
			default: 'us',
			description: 'The data region your Unified.to workspace was registered in. A key only works in its own region.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:4010',
			description: 'For the bundled simulator or a proxy in front of Unified.to',
			displayOptions: { show: { region: ['custom'] } },
		},
	];

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
			baseURL:
				'={{ $credentials.region === "custom" ? String($credentials.baseUrl).replace(/\\/+$/, "") : $credentials.region === "eu" ? "https://api-eu.unified.to" : $credentials.region === "au" ? "https://api-au.unified.to" : "https://api.unified.to" }}',
			url: '/unified/connection',
			method: 'GET',
			qs: { limit: 1 },
		},
	};
}
