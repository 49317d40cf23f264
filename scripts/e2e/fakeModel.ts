import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An OpenAI-compatible chat model on loopback, so n8n's AI Agent runs its tools in `n8n execute` without a real
 * model: the first turn calls the first tool offered, with the arguments `toolArguments` gives for its name; the
 * next turn (after the tool answered) returns the tool's answer as the final text, prefixed "TOOL SAID: ", so a
 * check can read what the tool returned. Answers streamed requests (SSE) too.
 */
export interface FakeModel {
	/** The credential's Base URL (openAiApi `url`). */
	url: string;
	/** Every request body the model received. */
	requests: ChatRequest[];
	close(): Promise<void>;
}

interface ChatMessage {
	role: string;
	content?: unknown;
	tool_call_id?: string;
}

interface ChatRequest {
	model?: string;
	stream?: boolean;
	messages: ChatMessage[];
	tools?: Array<{ function: { name: string } }>;
}

async function bodyOf(request: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

function textOf(content: unknown): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content))
		return content.map((part) => (part as { text?: string }).text ?? '').join('');
	return JSON.stringify(content ?? '');
}

interface Reply {
	content?: string;
	tool_calls?: Array<{
		id: string;
		type: 'function';
		function: { name: string; arguments: string };
	}>;
}

function replyTo(chat: ChatRequest, toolArguments: (tool: string) => object): Reply {
	const toolAnswer = [...chat.messages].reverse().find((message) => message.role === 'tool');
	if (toolAnswer) return { content: `TOOL SAID: ${textOf(toolAnswer.content)}` };
	const tool = chat.tools?.[0]?.function.name;
	if (!tool) return { content: 'no tool offered' };
	return {
		tool_calls: [
			{
				id: 'call_e2e_1',
				type: 'function',
				function: { name: tool, arguments: JSON.stringify(toolArguments(tool)) },
			},
		],
	};
}

export async function startFakeModel(toolArguments: (tool: string) => object): Promise<FakeModel> {
	const requests: ChatRequest[] = [];
	const server: Server = createServer((request, response) => {
		void bodyOf(request).then((text) => {
			if (request.method !== 'POST' || !request.url?.endsWith('/chat/completions')) {
				response.writeHead(404, { 'content-type': 'application/json' });
				response.end(JSON.stringify({ error: { message: `fake model: no ${request.url}` } }));
				return;
			}
			const chat = JSON.parse(text) as ChatRequest;
			requests.push(chat);
			const reply = replyTo(chat, toolArguments);
			const message = { role: 'assistant', content: reply.content ?? null, ...reply };
			const finish = reply.tool_calls ? 'tool_calls' : 'stop';
			const base = { id: `chatcmpl-${requests.length}`, created: 0, model: chat.model ?? 'fake' };
			if (chat.stream) {
				response.writeHead(200, { 'content-type': 'text/event-stream' });
				const delta = reply.tool_calls
					? {
							role: 'assistant',
							tool_calls: reply.tool_calls.map((call, index) => ({ index, ...call })),
						}
					: { role: 'assistant', content: reply.content };
				const chunk = (choice: object) =>
					`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [choice] })}\n\n`;
				response.write(chunk({ index: 0, delta, finish_reason: null }));
				response.write(chunk({ index: 0, delta: {}, finish_reason: finish }));
				response.end('data: [DONE]\n\n');
				return;
			}
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end(
				JSON.stringify({
					...base,
					object: 'chat.completion',
					choices: [{ index: 0, message, finish_reason: finish }],
					usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
				}),
			);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
