import { json, type Reply, type UpstreamRequest } from '../types';

/** HubSpot's limit of inputs per batch call. */
export const HUBSPOT_BATCH_LIMIT = 100;

interface Contact {
	id: string;
	properties: Record<string, unknown>;
	createdAt: string;
	updatedAt: string;
	archived: boolean;
}

interface Input {
	id?: unknown;
	idProperty?: unknown;
	properties?: Record<string, unknown>;
	objectWriteTraceId?: unknown;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** HubSpot does not keep the input order in `results`: a fixed shuffle shows whether a client relies on it. */
function shuffled<T>(values: T[]): T[] {
	const copy = [...values];
	let state = copy.length * 7919 + 17;
	for (let index = copy.length - 1; index > 0; index--) {
		state = (Math.imul(state, 1103515245) + 12345) >>> 0;
		const other = state % (index + 1);
		[copy[index], copy[other]] = [copy[other], copy[index]];
	}
	return copy;
}

function batchAnswer(results: unknown[], errors: unknown[], okStatus: number): Reply {
	const now = new Date().toISOString();
	const body: Record<string, unknown> = {
		status: 'COMPLETE',
		results: shuffled(results),
		startedAt: now,
		completedAt: now,
	};
	if (errors.length === 0) return json(okStatus, body);
	return json(207, { ...body, numErrors: errors.length, errors });
}

function notFound(ids: string[]) {
	return {
		status: 'error',
		category: 'OBJECT_NOT_FOUND',
		message:
			'Could not get some CONTACT objects, they may be deleted or not exist. Check that ids are valid.',
		context: { ids },
	};
}

/**
 * The contacts batch API: create is all-or-nothing (one invalid email: 400 for the whole call; one duplicate:
 * 409; nothing written), update, upsert and read answer 207 with per-record errors, archive answers 204. More
 * than 100 inputs: 400. Results come back in a shuffled order, carrying each input's `objectWriteTraceId`.
 */
export function createHubSpotBatch(
	seededContacts: number,
	/** HubSpot's error body, `{status: "error", message, correlationId, category}`: hubspot.ts's own. */
	error: (status: number, message: string, category: string) => Reply,
) {
	const contacts = new Map<string, Contact>();
	const byEmail = new Map<string, string>();
	let nextId = 5_000_000;
	const save = (contact: Contact) => {
		contacts.set(contact.id, contact);
		const email = contact.properties.email;
		if (typeof email === 'string') byEmail.set(email.toLowerCase(), contact.id);
	};
	for (let index = 0; index < seededContacts; index++) {
		const id = String(101 + index);
		save({
			id,
			properties: { email: `seeded.${id}@example.com`, firstname: 'Seeded', lastname: id },
			createdAt: '2026-01-01T00:00:00.000Z',
			updatedAt: '2026-02-01T00:00:00.000Z',
			archived: false,
		});
	}
	const view = (contact: Contact, input: Input, extra: Record<string, unknown> = {}) => ({
		...contact,
		properties: { ...contact.properties, hs_object_id: contact.id },
		...(input.objectWriteTraceId !== undefined
			? { objectWriteTraceId: input.objectWriteTraceId }
			: {}),
		...extra,
	});
	const create = (input: Input): Contact => {
		const now = new Date().toISOString();
		const contact = {
			id: String(++nextId),
			properties: { ...input.properties },
			createdAt: now,
			updatedAt: now,
			archived: false,
		};
		save(contact);
		return contact;
	};
	const update = (contact: Contact, input: Input) => {
		contact.properties = { ...contact.properties, ...input.properties };
		contact.updatedAt = new Date().toISOString();
		save(contact);
	};
	const invalidEmail = (input: Input) => {
		const email = input.properties?.email;
		return email !== undefined && (typeof email !== 'string' || !EMAIL.test(email));
	};

	return async (request: UpstreamRequest, operation: string): Promise<Reply> => {
		if (request.method !== 'POST')
			return error(405, `Method ${request.method} not allowed; use POST`, 'METHOD_NOT_ALLOWED');
		let body: { inputs?: Input[]; properties?: string[]; idProperty?: string };
		try {
			body = JSON.parse((await request.body()).toString('utf8') || '{}') as typeof body;
		} catch {
			return error(400, 'Invalid input JSON on line 1', 'VALIDATION_ERROR');
		}
		const inputs = body.inputs;
		if (!Array.isArray(inputs))
			return error(400, 'Invalid input JSON: "inputs" is required', 'VALIDATION_ERROR');
		if (inputs.length > HUBSPOT_BATCH_LIMIT) {
			return error(
				400,
				`Batch input limit exceeded: ${inputs.length} inputs, at most ${HUBSPOT_BATCH_LIMIT}`,
				'VALIDATION_ERROR',
			);
		}
		switch (operation) {
			case 'create': {
				const invalid = inputs.find(invalidEmail);
				if (invalid) {
					const email = String(invalid.properties?.email);
					return error(
						400,
						`Property values were not valid: [{"isValid":false,"message":"Email address ${email} is invalid","error":"INVALID_EMAIL","name":"email"}]`,
						'VALIDATION_ERROR',
					);
				}
				const seen = new Set<string>();
				for (const input of inputs) {
					const email = String(input.properties?.email ?? '').toLowerCase();
					if (!email) continue;
					const existing = byEmail.get(email);
					if (existing || seen.has(email))
						return error(
							409,
							`Contact already exists. Existing ID: ${existing ?? 'in this batch'}`,
							'CONFLICT',
						);
					seen.add(email);
				}
				return batchAnswer(
					inputs.map((input) => view(create(input), input)),
					[],
					201,
				);
			}
			case 'update': {
				const missing: string[] = [];
				const results = [];
				for (const input of inputs) {
					const contact = contacts.get(String(input.id));
					if (!contact || contact.archived) {
						missing.push(String(input.id));
						continue;
					}
					update(contact, input);
					results.push(view(contact, input));
				}
				return batchAnswer(results, missing.length ? [notFound(missing)] : [], 200);
			}
			case 'upsert': {
				const errors = [];
				const results = [];
				for (const input of inputs) {
					const key = String(input.id ?? '');
					if (input.idProperty !== 'email' || invalidEmail({ properties: { email: key } })) {
						errors.push({
							status: 'error',
							category: 'VALIDATION_ERROR',
							message: `Invalid unique value "${key}" for idProperty ${String(input.idProperty)}`,
							context: { ids: [key] },
						});
						continue;
					}
					const existing = contacts.get(byEmail.get(key.toLowerCase()) ?? '');
					const properties = { ...input.properties, email: key };
					if (existing) {
						update(existing, { properties });
						results.push(view(existing, input, { new: false }));
					} else results.push(view(create({ properties }), input, { new: true }));
				}
				return batchAnswer(results, errors, 200);
			}
			case 'read': {
				const missing: string[] = [];
				const results = [];
				for (const input of inputs) {
					const key = String(input.id);
					const id = body.idProperty === 'email' ? byEmail.get(key.toLowerCase()) : key;
					const contact = id === undefined ? undefined : contacts.get(id);
					if (!contact || contact.archived) missing.push(key);
					else {
						const wanted = body.properties ?? ['email', 'firstname', 'lastname'];
						const properties = Object.fromEntries(
							[...wanted, 'hs_object_id'].map((name) => [
								name,
								name === 'hs_object_id' ? contact.id : (contact.properties[name] ?? null),
							]),
						);
						results.push({ ...contact, properties });
					}
				}
				return batchAnswer(results, missing.length ? [notFound(missing)] : [], 200);
			}
			case 'archive':
				for (const input of inputs) {
					const contact = contacts.get(String(input.id));
					if (contact) contact.archived = true;
				}
				return { status: 204 };
			default:
				return error(404, `Unable to route POST batch/${operation}`, 'OBJECT_NOT_FOUND');
		}
	};
}
