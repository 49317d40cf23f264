import { PassthroughFailure } from './passthroughFailure';

/** A pagination failure: the upstream's paging data cannot be followed safely or would loop. */
export class PaginationError extends PassthroughFailure {
	constructor(message: string, description: string) {
		super(message, { description });
		this.name = 'PaginationError';
	}
}
