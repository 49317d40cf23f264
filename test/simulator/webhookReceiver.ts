import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedDelivery {
	headers: IncomingHttpHeaders;
	/** The body exactly as it arrived. */
	text: string;
	/** The body parsed (undefined when it is not JSON). */
	body?: {
		data: Array<Record<string, unknown> & { id: string }>;
		webhook: Record<string, unknown> & { id: string };
		nonce: string;
		sig: string;
		type: string;
	};
}

export interface WebhookReceiver {
	url: string;
	received: ReceivedDelivery[];
	/** Statuses to answer with, one per request in order; 200 once they are used up. */
	answers: number[];
	close(): Promise<void>;
}

/** A loopback HTTP server standing in for n8n's webhook URL: records every POST, answers as told. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
	const received: ReceivedDelivery[] = [];
	const answers: number[] = [];
	const server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			let body: ReceivedDelivery['body'];
			try {
				body = JSON.parse(text) as ReceivedDelivery['body'];
			} catch {
				body = undefined;
			}
			received.push({ headers: request.headers, text, body });
			response.writeHead(answers.shift() ?? 200, { 'content-type': 'application/json' });
			response.end('{}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/test`,
		received,
		answers,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
