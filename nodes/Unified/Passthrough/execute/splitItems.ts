import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';

import { describeFields } from '../../core/pagination/extractRecords';
import { isSuccessStatus } from '../../core/response/readResponse';
import { ParameterError, PassthroughFailure } from '../../core/errors';
import { getPath } from '../../core/shared/jsonPath';
import type { CallResult } from '../../core/caller/passthroughCall';
import type { ItemOptions } from '../../core/runtime/options';
import { recordItems, shapeOutput } from './output';

const PARAMETER = 'options.splitIntoItems';
const FIX =
	'Set "Split Into Items" to the field that holds the list, e.g. results (HubSpot), channels (Slack conversations.list) or records (Salesforce query), or clear it.';

/** Split Into Items reads a JSON body: settings that cannot give one fail before any request. */
export function assertSplittable(options: ItemOptions): void {
	if (options.responseFormat === 'file' || options.responseFormat === 'text') {
		throw new ParameterError(
			PARAMETER,
			`"Split Into Items" reads a JSON response; it cannot be combined with Response Format "${options.responseFormat}"`,
		);
	}
	if (options.fullResponse) {
		throw new ParameterError(
			PARAMETER,
			'"Split Into Items" gives one item per record, Full Response one item per response: turn one of them off',
		);
	}
}

/**
 * One item per record of the list at `path` (the same as pagination's Records output, without paging). An
 * error response kept by Never Error is output as it is; an empty list gives one empty item.
 */
export function splitIntoItems(
	response: CallResult<IBinaryData>,
	path: string,
	options: ItemOptions,
	itemIndex: number,
): INodeExecutionData[] {
	if (!isSuccessStatus(response.statusCode) || response.kind === 'empty')
		return shapeOutput(response, options, itemIndex);
	if (response.kind !== 'json') {
		throw new PassthroughFailure(
			`"Split Into Items" needs a JSON response, but this one is ${response.kind === 'binary' ? 'a file' : 'text'}`,
			{ description: FIX, statusCode: response.statusCode },
		);
	}
	const found = getPath(response.body, path);
	if (!Array.isArray(found)) {
		throw new PassthroughFailure(
			`The response has no list at "${path}" (${found === undefined ? describeFields(response.body) : `found ${found === null ? 'null' : typeof found}`})`,
			{ description: FIX, statusCode: response.statusCode, body: response.body },
		);
	}
	const items = recordItems(found, options.outputPropertyName, itemIndex);
	return items.length ? items : [{ json: {}, pairedItem: { item: itemIndex } }];
}
