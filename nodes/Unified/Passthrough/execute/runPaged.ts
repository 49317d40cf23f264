import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';

import { paginate } from '../../core/pagination/paginate';
import type { PaginationSettings } from '../../core/pagination/paginationSettings';
import type { RequestSpec } from '../../core/request/requestSpec';
import { ParameterError } from '../../core/errors';
import type { CallResult } from '../../core/caller/passthroughCall';
import type { ItemOptions } from '../../core/runtime/options';
import { recordItems, shapeOutput } from './output';

/** Pagination reads JSON pages; settings that cannot mean anything for a list of records fail before any request. */
export function assertPageable(options: ItemOptions, settings: PaginationSettings): void {
	if (options.responseFormat === 'file' || options.responseFormat === 'text') {
		throw new ParameterError(
			'options.pagination',
			`Pagination reads JSON pages; it cannot be combined with Response Format "${options.responseFormat}"`,
		);
	}
	if (options.fullResponse && settings.output === 'records') {
		throw new ParameterError(
			'options.pagination',
			'Full Response gives one item per page: set the pagination Output to "Pages", or turn Full Response off',
		);
	}
}

/** Pages through one item's request; output items are built as pages arrive, page bodies are not kept. */
export async function runPaged(
	spec: RequestSpec,
	settings: PaginationSettings,
	options: ItemOptions,
	itemIndex: number,
	fetchPage: (spec: RequestSpec) => Promise<CallResult<IBinaryData>>,
): Promise<INodeExecutionData[]> {
	assertPageable(options, settings);
	const pairedItem = { item: itemIndex };
	const output: INodeExecutionData[] = [];
	await paginate(spec, settings, {
		fetchPage,
		onPage(page) {
			if (settings.output === 'pages' || !page.records) {
				const body = page.response.body;
				output.push(
					...shapeOutput(
						{
							...page.response,
							body:
								Array.isArray(body) && !options.fullResponse
									? { [options.outputPropertyName]: body }
									: body,
						},
						options,
						itemIndex,
					),
				);
				return;
			}
			output.push(...recordItems(page.records, options.outputPropertyName, itemIndex));
		},
	});
	// An input item never yields zero items: a collection without records gives one empty item.
	if (output.length === 0) output.push({ json: {}, pairedItem });
	return output;
}
