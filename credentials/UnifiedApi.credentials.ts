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
			baseURL: API_URL_EXPRESSION,
			url: '/unified/connection',
			method: 'GET',
			qs: { limit: 1 },
		},
	};
}
