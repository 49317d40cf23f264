import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * An options list as a JSON object from value to label, for a subtitle expression to show the labels the panel
 * shows ("HubSpot: New or Updated"), not the saved values.
 */
export function optionLabels(options: readonly INodePropertyOptions[]): string {
	return JSON.stringify(Object.fromEntries(options.map((option) => [option.value, option.name])));
}
