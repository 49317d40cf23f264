// Lint: n8n's own community-node config (@n8n/node-cli's configWithoutCloudSupport: its community-node rules,
// eslint-plugin-n8n-nodes-base, typescript-eslint and import-x), with the exceptions below, each with its reason.
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const packageRules = (plugin, prefix) =>
	Object.keys(plugin.rules).map((name) => `${prefix}/${name}`);
/** The rules about a node package's own code, which mean nothing for tests, benchmarks, the demo and scripts. */
const nodePackageRulesOff = Object.fromEntries(
	[
		...packageRules(communityNodes, '@n8n/community-nodes'),
		...packageRules(n8nNodesBase, 'n8n-nodes-base'),
	].map((rule) => [rule, 'off']),
);

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
	...configWithoutCloudSupport,
	{
		files: ['**/*.ts'],
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
			],
		},
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
		rules: {
			// Deliberate: undici is this package's one runtime dependency. It gives the node a keep-alive pool
			// shared by all executions, a true per-request concurrency limit, streamed bodies both ways, separate
			// headers/body timeouts and proxy-from-environment support (EnvHttpProxyAgent), none of which n8n's
			// httpRequest helper offers. The price, said in the README: the package is for self-hosted n8n and
			// cannot be an n8n Cloud "verified" node.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
			// That rule expects `httpRequestWithAuthentication`, which would route the call through n8n's client;
			// the node applies the credential's Bearer header itself, exactly as the credential's `authenticate`.
			'@n8n/community-nodes/no-http-request-with-manual-auth': 'off',
		},
	},
	{
		// The pure modules (request building, calls, transport, response parsing) have no n8n node to attach an
		// error to: they throw a kind of core/errors/ (ParameterError, PassthroughFailure, OperationFailure) that the
		// runtime converts into NodeOperationError / NodeApiError with the item index, once (core/errors/toNodeError.ts,
		// called by core/runtime/runUnits.ts).
		files: [
			'nodes/**/{request,response,transport,call,caller,errors,execute,pagination,runtime,shared,poll,sources,subscription,delivery}/**/*.ts',
		],
		rules: { '@n8n/community-nodes/require-node-api-error': 'off' },
	},
	{
		// Tests, benchmarks, the demo and scripts are not part of the package: they print, and start servers.
		files: ['test/**/*.ts', 'bench/**/*.ts', 'demo/**/*.ts', 'scripts/**/*.ts', '*.mts'],
		rules: { ...nodePackageRulesOff, 'no-console': 'off' },
	},
);
