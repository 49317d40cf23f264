import { userMessage } from './toNodeError';
import { PassthroughFailure } from './passthroughFailure';

const MAX_MESSAGE_LENGTH = 200;
/** Failed items the description lists; every one is in the error's details (its context). */
const LISTED_IN_DESCRIPTION = 5;

function short(message: string): string {
	return message.length > MAX_MESSAGE_LENGTH
		? `${message.slice(0, MAX_MESSAGE_LENGTH)}...`
		: message;
}

/**
 * The node's error when some records of one call failed and the rest were written. The title stays short (n8n
 * shows it in a toast): how many failed and that the others went through, so the user does not run the whole
 * input again blindly. The advice and the first few failures go in the description, every failure in the details.
 */
export function partialFailure(
	failed: Array<{ itemIndex: number; error: unknown }>,
	unitSize: number,
	secret: string,
): PassthroughFailure {
	const written = unitSize - failed.length;
	const failedRecords = failed.map(({ itemIndex, error }) => ({
		item: itemIndex,
		error: short(userMessage(error, secret)),
	}));
	const listed = failedRecords
		.slice(0, LISTED_IN_DESCRIPTION)
		.map(({ item, error }) => `item ${item}: ${error}`)
		.join('; ');
	const more =
		failed.length > LISTED_IN_DESCRIPTION
			? `; and ${failed.length - LISTED_IN_DESCRIPTION} more (every failed item is in the error's details)`
			: '';
	return new PassthroughFailure(
		`${failed.length} of ${unitSize} records of one batch call failed; the other ${written} were written`,
		{
			description:
				'Turn on "On Error: Continue" (node Settings) to get an error item for each failed record and a result for every other one, or fix the failed records and send only them again. ' +
				`Failed: ${listed}${more}.`,
			context: { failedRecords, written },
		},
	);
}
