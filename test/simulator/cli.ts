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

// `npm run simulator [-- --port 4010] [--rate-limited "rate=20;burst=20"]...`: serves the simulator for local
// development with a real n8n.
async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const portFlag = args.indexOf('--port');
	const port = portFlag === -1 ? Number(process.env.PORT ?? 4010) : Number(args[portFlag + 1]);
	const simulator = await startSimulator({ port });
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
		'Trigger records: POST /_sim/records/{hubspot-contact|salesforce-account|slack-message|custom} {fields}; PATCH /_sim/records/<kind>/<id> to change one.',
	);
	console.log(
		'Webhooks: POST /unified/webhook (crm_contact on conn_hubspot, crm_company on conn_salesforce, messaging_message on conn_slack); GET /_sim/webhooks/deliveries for what was sent.',
	);
	console.log('Press Ctrl+C to stop.');
}

void main();
