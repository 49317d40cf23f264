import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TlsFront {
	/** https://127.0.0.1:<port>, with a self-signed certificate. */
	baseUrl: string;
	close(): Promise<void>;
}

/** A self-signed certificate for 127.0.0.1, made with openssl for this run (nothing secret is committed). */
function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
	const folder = mkdtempSync(join(tmpdir(), 'unified-tls-'));
	const key = join(folder, 'key.pem');
	const cert = join(folder, 'cert.pem');
	execFileSync(
		'openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'rsa:2048',
			'-nodes',
			'-keyout',
			key,
			'-out',
			cert,
			'-days',
			'1',
			'-subj',
			'/CN=127.0.0.1',
		],
		{
			stdio: 'ignore',
		},
	);
	return { key: readFileSync(key), cert: readFileSync(cert) };
}

/** An HTTPS front on loopback that forwards every request to `targetBaseUrl` (the plain-http simulator). */
export async function startTlsFront(targetBaseUrl: string): Promise<TlsFront> {
	const target = new URL(targetBaseUrl);
	const server: Server = createServer(selfSignedCertificate(), (incoming, outgoing) => {
		const forwarded = httpRequest(
			{
				host: target.hostname,
				port: target.port,
				method: incoming.method,
				path: incoming.url,
				headers: incoming.headers,
			},
			(response) => {
				outgoing.writeHead(response.statusCode ?? 502, response.headers);
				response.pipe(outgoing);
			},
		);
		forwarded.on('error', () => outgoing.destroy());
		incoming.pipe(forwarded);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		baseUrl: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
