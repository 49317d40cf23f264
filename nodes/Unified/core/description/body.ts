import type { INodeProperties } from 'n8n-workflow';

export const bodyProperties: INodeProperties[] = [
	{
		displayName: 'Send Body',
		name: 'sendBody',
		type: 'boolean',
		default: false,
		noDataExpression: true,
		description: 'Whether the request has a body (usually for POST, PUT and PATCH)',
	},
	{
		displayName: 'Body Content Type',
		name: 'contentType',
		type: 'options',
		displayOptions: { show: { sendBody: [true] } },
		options: [
			{ name: 'Form Urlencoded', value: 'form-urlencoded' },
			{ name: 'Form-Data (Multipart)', value: 'multipart-form-data' },
			{ name: 'JSON', value: 'json' },
			// n8n's own spelling, lower-case (the casing rule would make it "N8n").
			// eslint-disable-next-line n8n-nodes-base/node-param-display-name-miscased
			{ name: 'n8n Binary File', value: 'binaryData' },
			{ name: 'Raw', value: 'raw' },
		],
		default: 'json',
		description: 'How the body is encoded; JSON suits HubSpot, Slack and Salesforce',
	},
	{
		displayName: 'Specify Body',
		name: 'specifyBody',
		type: 'options',
		displayOptions: { show: { sendBody: [true], contentType: ['json'] } },
		options: [
			{ name: 'Using Fields Below', value: 'keypair' },
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'keypair',
	},
	{
		displayName: 'Specify Body',
		name: 'specifyBody',
		type: 'options',
		displayOptions: { show: { sendBody: [true], contentType: ['form-urlencoded'] } },
		options: [
			{ name: 'Using Fields Below', value: 'keypair' },
			{ name: 'Using Single Field', value: 'string' },
		],
		default: 'keypair',
	},
	{
		displayName: 'Body Parameters',
		name: 'bodyParameters',
		type: 'fixedCollection',
		displayOptions: {
			show: {
				sendBody: [true],
				specifyBody: ['keypair'],
				contentType: ['json', 'form-urlencoded'],
			},
		},
		typeOptions: { multipleValues: true },
		placeholder: 'Add Parameter',
		default: { parameters: [{ name: '', value: '' }] },
		options: [
			{
				name: 'parameters',
				displayName: 'Parameter',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						description: 'For JSON, a dotted name such as properties.email builds nested objects',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Body Parameters',
		name: 'bodyParameters',
		type: 'fixedCollection',
		displayOptions: { show: { sendBody: [true], contentType: ['multipart-form-data'] } },
		typeOptions: { multipleValues: true },
		placeholder: 'Add Parameter',
		default: { parameters: [{ parameterType: 'formData', name: '', value: '' }] },
		options: [
			{
				name: 'parameters',
				displayName: 'Parameter',
				values: [
					{
						displayName: 'Parameter Type',
						name: 'parameterType',
						type: 'options',
						options: [
							{ name: 'Form Data', value: 'formData' },
							// eslint-disable-next-line n8n-nodes-base/node-param-display-name-miscased
							{ name: 'n8n Binary File', value: 'formBinaryData' },
						],
						default: 'formData',
					},
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						description: 'The form field name',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						displayOptions: { show: { parameterType: ['formData'] } },
						default: '',
					},
					{
						displayName: 'Input Data Field Name',
						name: 'inputDataFieldName',
						type: 'string',
						displayOptions: { show: { parameterType: ['formBinaryData'] } },
						default: 'data',
						description: 'The binary property of the input item that holds the file',
					},
				],
			},
		],
	},
	{
		displayName: 'JSON Body',
		name: 'jsonBody',
		type: 'json',
		displayOptions: { show: { sendBody: [true], contentType: ['json'], specifyBody: ['json'] } },
		default: '',
		placeholder: '{"properties": {"email": "ann@example.com"}}',
		// n8n's JSON editor shows no placeholder, so the example goes in the hint.
		hint: 'e.g. {"properties": {"email": "ann@example.com"}} (HubSpot) or {"channel": "C123", "text": "Hi"} (Slack)',
		description:
			'The request body as the upstream API documents it, sent as written: e.g. {"properties": {"email": "ann@example.com"}} to create a HubSpot contact, {"channel": "C123", "text": "Hi"} for Slack\'s chat.postMessage',
	},
	{
		displayName: 'Input Data Field Name',
		name: 'inputDataFieldName',
		type: 'string',
		displayOptions: { show: { sendBody: [true], contentType: ['binaryData'] } },
		default: 'data',
		description:
			'The binary property of the input item to send as the whole body; its MIME type becomes the Content-Type unless a header says otherwise',
	},
	{
		displayName: 'Content Type',
		name: 'rawContentType',
		type: 'string',
		displayOptions: { show: { sendBody: [true], contentType: ['raw'] } },
		default: '',
		placeholder: 'text/xml',
	},
	{
		displayName: 'Body',
		name: 'body',
		type: 'string',
		typeOptions: { rows: 4 },
		displayOptions: { show: { sendBody: [true], contentType: ['raw'] } },
		default: '',
		placeholder: '<note>hello</note>',
	},
	{
		displayName: 'Body',
		name: 'body',
		type: 'string',
		// "json" is what 0.1.0 saved for the single-field form.
		displayOptions: {
			show: { sendBody: [true], contentType: ['form-urlencoded'], specifyBody: ['string', 'json'] },
		},
		default: '',
		placeholder: 'field1=value1&field2=value2',
		description: 'The form, already encoded, sent as written',
	},
];
