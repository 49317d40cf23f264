/**
 * Whether an AI model can decide a parameter's value, judged from the parameter as saved (before n8n evaluates
 * it). Only expressions (strings starting with "=") are evaluated; any other value is what the user typed.
 */

// `$fromAI` and the `$fromai` / `$fromAi` aliases n8n resolves. Matched in any case, as n8n's own scanner
// (extractFromAICalls, which builds the tool's argument schema) does, and without requiring the "(": a
// reference such as `($fromAI)('x')` calls it as well.
const FROM_AI = /(?<![\w$])\$fromai(?![\w$])/i;

// What reads the tool's input item. In n8n 2.x the engine builds that item as { ...the agent's input item,
// ...the model's arguments } (n8n-core requests-response.ts, prepareRequestedNodesForExecution), so the model can
// overwrite any of its fields by sending an argument of that name. `$('Node').item.json` reads another node's
// output and is not matched. `$parameter` and `$evaluateExpression` are matched because they can reach the same
// values one step removed.
const TOOL_INPUT =
	/(?<![\w$])\$(json|input|data|binary|items?|tool|parameter|evaluateExpression)(?![\w$])/i;

function isExpression(value: unknown): value is string {
	return typeof value === 'string' && value.startsWith('=');
}

// JavaScript accepts unicode escapes inside identifiers, and n8n's expression engine evaluates
// `$from\u0041I('x')` as `$fromAI('x')`.
function decodeUnicodeEscapes(expression: string): string {
	return expression
		.replace(/\\u\{([0-9a-fA-F]{1,6})\}/g, (escape, hex: string) => fromCodePoint(escape, hex))
		.replace(/\\u([0-9a-fA-F]{4})/g, (escape, hex: string) => fromCodePoint(escape, hex));
}

function fromCodePoint(escape: string, hex: string): string {
	const codePoint = parseInt(hex, 16);
	return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : escape;
}

function expressionsIn(value: unknown): string[] {
	if (isExpression(value)) return [decodeUnicodeEscapes(value)];
	if (Array.isArray(value)) return value.flatMap(expressionsIn);
	if (typeof value === 'object' && value !== null)
		return Object.values(value).flatMap(expressionsIn);
	return [];
}

/**
 * The first model-controlled source that an expression in `raw` (a string, or nested inside a resource locator or
 * collection) reads, as written there ("$fromAI", "$json"...): `$fromAI` always; the tool's input item only when
 * the node runs as a tool.
 */
export function modelSourceIn(raw: unknown, toolMode: boolean): string | undefined {
	for (const expression of expressionsIn(raw)) {
		if (FROM_AI.test(expression)) return '$fromAI';
		const toolInput = toolMode ? TOOL_INPUT.exec(expression) : null;
		if (toolInput) return toolInput[0];
	}
	return undefined;
}
