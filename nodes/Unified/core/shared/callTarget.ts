/** What a call was aimed at, for messages: a connection's passthrough, or Unified.to's own API. */
export interface CallTarget {
	/** Absent for calls to Unified.to's own API (the connection list, an external xref lookup). */
	connectionId?: string;
	path: string;
}

export function callTarget(target: CallTarget): string {
	return target.connectionId === undefined
		? `Unified.to API, path ${target.path}`
		: `connection ${target.connectionId}, path ${target.path}`;
}
