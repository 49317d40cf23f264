import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface RecordingProxy {
	url: string;
	/** `host:port` of every CONNECT tunnel opened through the proxy. */
	tunnels: string[];
	/** Request lines seen inside the tunnels (the tests' targets are plain http), e.g. `GET /unified/connection?... HTTP/1.1`. */
	requests: string[];
	close(): Promise<void>;
}

/** A minimal HTTP proxy on loopback that tunnels CONNECT requests and records them. */
export async function startRecordingProxy(): Promise<RecordingProxy> {
	const tunnels: string[] = [];
	const requests: string[] = [];
	// Tunnelled sockets leave the HTTP server's bookkeeping, so closeAllConnections() would not end them.
	const sockets = new Set<Socket>();
	const server: Server = createServer((_request, response) => {
		response.writeHead(405).end('this proxy only tunnels');
	});
	server.on('connect', (request, clientSocket, head) => {
		const target = String(request.url);
		tunnels.push(target);
		const [host, port] = target.split(':');
		sockets.add(clientSocket as Socket);
		const upstream = connect(Number(port), host, () => {
			sockets.add(upstream);
			clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			upstream.write(head);
			clientSocket.on('data', (chunk: Buffer) => {
				for (const line of chunk.toString('latin1').split('\r\n')) {
					if (/^(GET|POST|PUT|PATCH|DELETE) \S+ HTTP\/1\.1$/.test(line)) requests.push(line);
				}
			});
			upstream.pipe(clientSocket);
			clientSocket.pipe(upstream);
		});
		upstream.on('error', () => clientSocket.destroy());
		clientSocket.on('error', () => upstream.destroy());
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		tunnels,
		requests,
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
