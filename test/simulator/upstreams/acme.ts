import { createHash } from 'node:crypto';
import { pipeline, Readable } from 'node:stream';
import {
	brotliCompressSync,
	constants,
	createBrotliCompress,
	createDeflate,
	createGzip,
	deflateSync,
	gzipSync,
} from 'node:zlib';

import { fileChunk } from '../data';
import { json, type Reply, type Upstream, type UpstreamRequest } from '../types';

/**
 * The generic upstream of Unified's Passthrough guide (`/v2/customers`), plus the tools tests need: an echo,
 * a slow endpoint, file download and upload, text in several charsets and encodings.
 */
const customers = [
	{ id: 'cus_001', name: 'Ada Lovelace', email: 'ada@example.com' },
	{ id: 'cus_002', name: 'Grace Hopper', email: 'grace@example.com' },
	{ id: 'cus_003', name: 'Katherine Johnson', email: 'katherine@example.com' },
];

function customHeaders(request: UpstreamRequest): Record<string, string> {
	const standard = new Set([
		'host',
		'connection',
		'content-length',
		'transfer-encoding',
		'user-agent',
		'accept',
		'content-type',
		'keep-alive',
	]);
	return Object.fromEntries(
		Object.entries(request.headers)
			.filter(([name]) => !standard.has(name))
			.map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]),
	);
}

async function echo(request: UpstreamRequest): Promise<Reply> {
	const body = await request.body();
	return json(200, {
		method: request.method,
		path: request.path,
		rawQuery: request.rawQuery,
		query: [...request.query.entries()],
		headers: request.headers,
		contentType: request.headers['content-type'] ?? null,
		bodyText: body.toString('utf8'),
		bodyLength: body.length,
		bodySha256: createHash('sha256').update(body).digest('hex'),
	});
}

/**
 * A batch endpoint of any API that takes a list somewhere in the body: the list at `?list=data.records` (dotted),
 * one `{ok: true, record}` result per entry, in order, and the whole body as received.
 */
async function batchEcho(request: UpstreamRequest): Promise<Reply> {
	const received: unknown = JSON.parse((await request.body()).toString('utf8'));
	let list: unknown = received;
	for (const key of (request.query.get('list') ?? '').split('.').filter(Boolean))
		list =
			typeof list === 'object' && list !== null
				? (list as Record<string, unknown>)[key]
				: undefined;
	const results = Array.isArray(list) ? list.map((record) => ({ ok: true, record })) : [];
	return json(200, { received, results });
}

function download(request: UpstreamRequest, name: string): Reply {
	const size = Number(request.query.get('size') ?? 1024);
	const type = request.query.get('type') ?? 'application/octet-stream';
	const chunkSize = 64 * 1024;
	let sent = 0;
	const stream = new Readable({
		read() {
			if (sent >= size) {
				this.push(null);
				return;
			}
			const length = Math.min(chunkSize, size - sent);
			this.push(fileChunk(sent, length));
			sent += length;
		},
	});
	const headers: Record<string, string> = { 'content-type': type, 'content-length': String(size) };
	if (request.query.get('disposition') !== 'none') {
		const disposition = request.query.get('disposition') ?? `attachment; filename="${name}"`;
		// `rawUtf8=1` sends the header's UTF-8 bytes as they are (Node writes header strings one byte per character).
		headers['content-disposition'] =
			request.query.get('rawUtf8') === '1'
				? Buffer.from(disposition, 'utf8').toString('latin1')
				: disposition;
		// Node refuses a non-ASCII Content-Disposition next to a Content-Length (nodejs/node#46528): send it chunked.
		if (/[^\x20-\x7e]/.test(headers['content-disposition'])) delete headers['content-length'];
	}
	return { status: 200, headers, body: stream };
}

async function upload(request: UpstreamRequest): Promise<Reply> {
	const body = await request.body();
	const contentType = String(request.headers['content-type'] ?? '');
	const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
	const digest = (data: Buffer) => createHash('sha256').update(data).digest('hex');
	if (!contentType.startsWith('multipart/form-data') || !boundary) {
		return json(200, { contentType, size: body.length, sha256: digest(body) });
	}
	const parts: Array<Record<string, unknown>> = [];
	const delimiter = Buffer.from(`--${boundary}`);
	let position = body.indexOf(delimiter);
	while (position !== -1) {
		const start = position + delimiter.length;
		if (body.subarray(start, start + 2).toString() === '--') break;
		const headerEnd = body.indexOf('\r\n\r\n', start);
		const next = body.indexOf(delimiter, headerEnd);
		if (headerEnd === -1 || next === -1) break;
		const headerText = body.subarray(start + 2, headerEnd).toString('utf8');
		const data = body.subarray(headerEnd + 4, next - 2);
		const disposition = /content-disposition:([^\r\n]*)/i.exec(headerText)?.[1] ?? '';
		parts.push({
			// Every header line of the part, as sent: a test can see that nothing was injected.
			headers: headerText.split('\r\n'),
			name: /\bname="([^"]*)"/i.exec(disposition)?.[1],
			filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1],
			contentType: /content-type:\s*([^\r\n]*)/i.exec(headerText)?.[1],
			size: data.length,
			sha256: digest(data),
			value:
				data.length <= 256 && !/filename=/i.test(disposition) ? data.toString('utf8') : undefined,
		});
		position = next;
	}
	return json(200, { contentType, size: body.length, parts });
}

function encoded(request: UpstreamRequest): Reply {
	const encoding = request.query.get('encoding') ?? 'gzip';
	const payload = Buffer.from(
		JSON.stringify({ encoding, message: 'compressed hello', items: customers }),
	);
	const body =
		encoding === 'gzip'
			? gzipSync(payload)
			: encoding === 'deflate'
				? deflateSync(payload)
				: brotliCompressSync(payload);
	return {
		status: 200,
		headers: { 'content-type': 'application/json', 'content-encoding': encoding },
		body,
	};
}

/**
 * `padded?size=N|endless&encoding=gzip|deflate|br|identity&type=...&status=200`: `{"padded":true}` followed by spaces up to
 * `size` decoded bytes (valid JSON of any size), compressed on the fly, or never ending. Spaces compress about
 * 1000:1 with gzip and 3000:1 with brotli: a few KB on the wire become hundreds of MB (a decompression bomb).
 */
function padded(request: UpstreamRequest): Reply {
	const sizeParameter = request.query.get('size') ?? '1024';
	const size = sizeParameter === 'endless' ? Infinity : Number(sizeParameter);
	const encoding = request.query.get('encoding') ?? 'identity';
	const head = Buffer.from('{"padded":true}');
	const spaces = Buffer.alloc(64 * 1024, 0x20);
	let sent = 0;
	const source = new Readable({
		read() {
			if (sent >= size) {
				this.push(null);
				return;
			}
			const chunk = sent === 0 ? head : spaces;
			const length = Math.min(chunk.length, size - sent);
			sent += length;
			this.push(length === chunk.length ? chunk : chunk.subarray(0, length));
		},
	});
	const encoder =
		encoding === 'gzip'
			? createGzip({ level: 9 })
			: encoding === 'deflate'
				? createDeflate({ level: 9 })
				: encoding === 'br'
					? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 1 } })
					: undefined;
	// The client may stop reading at any point: stop generating then, or an endless body would run forever.
	request.signal.addEventListener('abort', () => source.destroy(), { once: true });
	const headers: Record<string, string> = {
		'content-type': request.query.get('type') ?? 'application/json',
	};
	const status = Number(request.query.get('status') ?? 200);
	if (!encoder) {
		if (Number.isFinite(size)) headers['content-length'] = String(size);
		return { status, headers, body: source };
	}
	headers['content-encoding'] = encoding;
	return { status, headers, body: pipeline(source, encoder, () => undefined) };
}

function charsetText(request: UpstreamRequest): Reply {
	const charset = request.query.get('charset') ?? 'latin1';
	const text = 'Café crème, déjà vu: Zoë & Jürgen';
	const body =
		charset === 'utf-16le'
			? Buffer.from(text, 'utf16le')
			: Buffer.from(text, charset === 'latin1' ? 'latin1' : 'utf8');
	return {
		status: 200,
		headers: {
			'content-type': `text/plain; charset=${charset === 'latin1' ? 'iso-8859-1' : charset}`,
		},
		body,
	};
}

/** One per simulator: each counts its own created customers (`cus_new_1`, `cus_new_2`...). */
export function createAcmeUpstream(): Upstream {
	let created = 0;
	return async (request) => {
		if (
			(request.path === 'v2/customers' || request.path === 'v2/customers/') &&
			request.method === 'POST'
		) {
			const input = JSON.parse((await request.body()).toString('utf8') || '{}') as Record<
				string,
				unknown
			>;
			created++;
			return json(201, {
				id: `cus_new_${created}`,
				...input,
				apiVersion: request.headers['x-api-version'] ?? null,
			});
		}
		return statelessRoutes(request);
	};
}

async function statelessRoutes(request: UpstreamRequest): Promise<Reply> {
	const { method, path } = request;
	if ((path === 'v2/customers' || path === 'v2/customers/') && method === 'GET')
		return json(200, customers);
	const customer = /^v2\/customers\/([^/]+)$/.exec(path);
	if (customer) {
		const found = customers.find((entry) => entry.id === customer[1]);
		if (method === 'DELETE') return { status: 204 };
		return found
			? json(200, found)
			: json(404, { error: { code: 'not_found', message: `No customer ${customer[1]}` } });
	}
	if (path === 'batch-echo' && method === 'POST') return batchEcho(request);
	if (path.startsWith('echo')) return echo(request);
	if (path.startsWith('headers')) return json(200, { received: customHeaders(request) });
	if (path === 'slow') {
		const ms = Number(request.query.get('ms') ?? 100);
		// Stops waiting when the client goes away, so a cancelled 30 s call does not keep the simulator busy.
		await new Promise<void>((resolve) => {
			const timer = setTimeout(resolve, ms);
			request.signal.addEventListener(
				'abort',
				() => {
					clearTimeout(timer);
					resolve();
				},
				{ once: true },
			);
		});
		return json(200, { waited: ms, id: request.query.get('id') });
	}
	const file = /^files\/download\/(.+)$/.exec(path);
	if (file && method === 'GET') return download(request, file[1]);
	if (path === 'files/upload') return upload(request);
	if (path === 'encoded') return encoded(request);
	if (path === 'padded') return padded(request);
	if (path === 'text/charset') return charsetText(request);
	if (path === 'text/csv')
		return {
			status: 200,
			headers: { 'content-type': 'text/csv' },
			body: 'id,name\ncus_001,Ada Lovelace\n',
		};
	if (path === 'text/xml')
		return {
			status: 200,
			headers: { 'content-type': 'application/xml' },
			body: '<customers><customer id="cus_001"/></customers>',
		};
	if (path === 'lying-json')
		return {
			status: 200,
			headers: { 'content-type': 'application/json' },
			body: '<html>not json</html>',
		};
	if (path === 'empty') return { status: Number(request.query.get('status') ?? 204) };
	if (path === 'status') {
		const status = Number(request.query.get('code') ?? 500);
		return json(status, { error: { code: `status_${status}`, message: `Acme says ${status}` } });
	}
	return json(404, {
		error: { code: 'not_found', message: `Acme has no endpoint ${method} /${path}` },
	});
}
