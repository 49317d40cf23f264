import { RequestValidationError } from '../request/validationError';

/** The connection id as the resource locator gave it (list or id mode). */
export function requireConnectionId(value: unknown): string {
	const id = String(value ?? '').trim();
	if (!id) throw new RequestValidationError('connection', 'Choose a connection or give its ID');
	return id;
}
