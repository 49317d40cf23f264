/** A parameter problem found before any request is sent; `parameter` is the parameter's name in the node. */
export class ParameterError extends Error {
	constructor(
		readonly parameter: string,
		message: string,
	) {
		super(message);
		this.name = 'ParameterError';
	}
}
