/**
 * A failure that is neither a parameter nor an answer of a call: the node could not do its work (a credential it
 * cannot use, a canceled execution, a list for the editor that could not be read). It fails the node with a
 * NodeOperationError.
 */
export class OperationFailure extends Error {
	constructor(
		message: string,
		readonly details: { description?: string } = {},
	) {
		super(message);
		this.name = 'OperationFailure';
	}
}

/** The execution was canceled while units were in flight. */
export function executionCanceled(finishedItems: number, itemCount: number): OperationFailure {
	// Worded with "canceled" on purpose: n8n's engine then records the execution as canceled, not failed.
	return new OperationFailure(
		'The execution was canceled: requests in flight were aborted and no new request was started',
		{ description: `${finishedItems} of ${itemCount} items had finished before the cancel.` },
	);
}
