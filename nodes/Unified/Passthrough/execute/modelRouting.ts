import type { INodeParameters } from 'n8n-workflow';

import { ParameterError } from '../../core/errors';
import { modelSourceIn } from './modelInput';

/** The options that decide where the call goes, and what a model setting them could do. */
const ROUTING_OPTIONS = [
	{
		name: 'domain',
		label: 'Domain',
		risk: "Unified.to sends the connection's own credentials to that host",
	},
	{
		name: 'proxy',
		label: 'Proxy',
		risk: 'every request, with the workspace API key, would pass through that proxy',
	},
	{
		name: 'allowUnauthorizedCerts',
		label: 'Ignore SSL Issues',
		risk: 'it turns off the check that the API host is genuine',
	},
];

const ALLOW_MODEL_CONNECTION_LABEL = 'Let Model Pick Connection';

const TENANT_ADVICE =
	"Give a fixed connection, or read the customer from an earlier node, e.g. {{ $('Webhook').item.json.tenantId }}; " +
	`to let the model choose on purpose, turn on the "${ALLOW_MODEL_CONNECTION_LABEL}" option`;

function setBy(source: string): string {
	return source === '$fromAI'
		? 'is filled by the AI model ($fromAI)'
		: `reads ${source}, which the AI model's arguments overwrite when the node runs as a tool`;
}

function asCollection(value: unknown): INodeParameters {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as INodeParameters)
		: {};
}

/**
 * The error for a parameter that decides where the call goes, or whose account it uses, when an AI model could
 * set it; undefined when there is none. Judged from the parameters as saved: once n8n has evaluated them, a value
 * the model wrote looks like any other.
 */
export function modelRoutingError(
	parameters: INodeParameters,
	toolMode: boolean,
): ParameterError | undefined {
	const options = asCollection(parameters.options);
	for (const option of ROUTING_OPTIONS) {
		const source = modelSourceIn(options[option.name], toolMode);
		if (source) {
			return new ParameterError(
				`options.${option.name}`,
				`The "${option.label}" option ${setBy(source)}, but ${option.risk}. Give it a fixed value.`,
			);
		}
	}

	const optIn = options.allowModelConnection;
	if (optIn !== undefined && typeof optIn !== 'boolean') {
		return new ParameterError(
			'options.allowModelConnection',
			'Switch it on or off in the editor: it must be a plain on/off value, not an expression',
		);
	}
	if (optIn === true) return undefined;
	const source = modelSourceIn(parameters.connection, toolMode);
	if (source) {
		return new ParameterError(
			'connection',
			`The connection ${setBy(source)}, so the model would choose whose account is called. ${TENANT_ADVICE}.`,
		);
	}
	return undefined;
}
