import { startSimulator } from './index';

// `npm run simulator [-- --port 4010]`: serves the simulator for local development with a real n8n.
async function main(): Promise<void> {
	const portFlag = process.argv.indexOf('--port');
	const port =
		portFlag === -1 ? Number(process.env.PORT ?? 4010) : Number(process.argv[portFlag + 1]);
	const simulator = await startSimulator({ port });
	console.log('Unified.to simulator listening.');
	console.log(`  Credential region: Custom Base URL`);
	console.log(`  Base URL:          ${simulator.baseUrl}`);
	console.log(`  API key:           ${simulator.apiKey}`);
	console.log('Connections:');
	for (const connection of simulator.connections) {
		console.log(
			`  ${connection.id.padEnd(26)} ${connection.integration_name.padEnd(12)} xref=${connection.external_xref ?? '-'}`,
		);
	}
	console.log('Press Ctrl+C to stop.');
}

void main();
