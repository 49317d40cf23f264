import { startSimulator } from './index';
import type { RateLimitOptions } from './rateLimited';

/** `--rate-limited rate=20;burst=20;latencyMs=100;style=hubspot;id=conn_rl`: the options of one rate-limited connection. */
function rateLimitFlag(value: string): RateLimitOptions {
	const fields: Record<string, unknown> = {};
	for (const part of value.split(';')) {
		if (!part.trim()) continue;
		const [name, ...rest] = part.split('=');
		const text = rest.join('=').trim();
		fields[name.trim()] = name.trim() === 'style' || name.trim() === 'id' ? text : Number(text);
	}
	return fields as unknown as RateLimitOptions;
}

/** The value after `--name`, or undefined when the flag is absent. */
function flag(args: string[], name: string): string | undefined {
	const index = args.indexOf(name);
	return index === -1 ? undefined : (args[index + 1] ?? '');
}

/** A flag's whole number of ms (or of retries); exits naming the flag when it is not one. */
function wholeNumberFlag(args: string[], name: string, min = 1): number | undefined {
	const value = flag(args, name);
	if (value === undefined) return undefined;
	if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > 2_147_483_647) {
		console.error(`${name} must be a whole number from ${min} to 2147483647, not "${value}"`);
		process.exit(2);
	}
	return Number(value);
}

// `npm run simulator [-- --port 4010] [--rate-limited "rate=20;burst=20"]... [--webhook-tick-ms 1000]
// [--webhook-retry-unit-ms 100] [--webhook-retries 20] [--webhook-secret s]`: serves the simulator for local
// development with a real n8n.
async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const portFlag = args.indexOf('--port');
	const port = portFlag === -1 ? Number(process.env.PORT ?? 4010) : Number(args[portFlag + 1]);
	const simulator = await startSimulator({
		port,
		webhookTickMs: wholeNumberFlag(args, '--webhook-tick-ms'),
		webhookRetryUnitMs: wholeNumberFlag(args, '--webhook-retry-unit-ms'),
		webhookRetries: wholeNumberFlag(args, '--webhook-retries', 0),
		webhookSecret: flag(args, '--webhook-secret') || undefined,
	});
	args.forEach((arg, index) => {
		if (arg === '--rate-limited') simulator.rateLimited(rateLimitFlag(args[index + 1] ?? ''));
	});
	console.log('Unified.to simulator listening.');
	console.log(`  Credential region: Custom Base URL`);
	console.log(`  Base URL:          ${simulator.baseUrl}`);
	console.log(`  API key:           ${simulator.apiKey}`);
	console.log(`  Webhook secret:    ${simulator.webhookSecret}`);
	console.log('Connections:');
	for (const connection of simulator.connections) {
		console.log(
			`  ${connection.id.padEnd(26)} ${connection.integration_name.padEnd(12)} xref=${connection.external_xref ?? '-'}`,
		);
	}
	console.log(
		'Rate-limited connections: --rate-limited "rate=20;burst=20;latencyMs=100;style=hubspot|retryAfter|bare;id=..."',
	);
	console.log(
		'  or POST /_sim/rate-limited {rate, burst, latencyMs, style, id}; GET /_sim/rate-limited/<id> for its counters.',
	);
	console.log(
		'Trigger records: POST /_sim/records/{hubspot-contact|salesforce-account|slack-message|custom} {fields}; PATCH or DELETE /_sim/records/<kind>/<id> to change or delete one.',
	);
	console.log(
		'Webhooks: POST /unified/webhook (crm_contact on conn_hubspot, crm_company on conn_salesforce, messaging_message on conn_slack); GET /_sim/webhooks/deliveries for what was sent.',
	);
	console.log('Press Ctrl+C to stop.');
}

void main();
