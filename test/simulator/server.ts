import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { send, unifiedError } from './reply';
import type { RequestHandler } from './routes';

export interface RunningServer {
	port: number;
	close(): Promise<void>;
}

/** Serves `handle` on 127.0.0.1 with keep-alive; a handler that throws gives a 500 (or a cut connection mid-body). */
export async function listen(handle: RequestHandler, port = 0): Promise<RunningServer> {
	const server = createServer({ keepAliveTimeout: 60_000 }, (request, response) => {
		handle(request, response).catch((error: Error) => {
			if (!response.headersSent)
				send(response, unifiedError(500, 'Internal Server Error', error.message), {});
			else response.destroy();
		});
	});
	server.keepAliveTimeout = 60_000;
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	return {
		port: (server.address() as AddressInfo).port,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
