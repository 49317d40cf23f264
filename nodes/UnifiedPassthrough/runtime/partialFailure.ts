import { userMessage } from '../execute/nodeErrors';
import { PassthroughFailure } from '../shared/failure';

const MAX_MESSAGE_LENGTH = 200;

function short(message: string): string {
	return message.length > MAX_MESSAGE_LENGTH
		? `${message.slice(0, MAX_MESSAGE_LENGTH)}...`
		: message;
}

/**
 * The node's error when some records of one call failed and the rest were written: every failed item with its own
 * message, and the fact that the others went through (the user must not run the whole input again blindly).
 */
export function partialFailure(
	failed: Array<{ itemIndex: number; error: unknown }>,
	unitSize: number,
	secret: string,
): PassthroughFailure {
	const written = unitSize - failed.length;
	const list = failed
		.map(({ itemIndex, error }) => `item ${itemIndex}: ${short(userMessage(error, secret))}`)
		.join('; ');
	return new PassthroughFailure(
		`${failed.length} of ${unitSize} records of one batch call failed (${list}); the other ${written} records of the same call were written`,
		{
			description:
				'Fix the failed records and send only them again, or turn on "On Error: Continue" to get an error item for each failed record and a result for every other one.',
		},
	);
}
