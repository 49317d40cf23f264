// Lint: n8n's community-node rules (the same plugins @n8n/node-cli's configWithoutCloudSupport uses) over the
// node, the credential and package.json; typescript-eslint over everything else.
import js from '@eslint/js';
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

const community = communityNodes.configs.recommendedWithoutN8nCloudSupport;
const packageFiles = ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'];

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		files: ['**/*.ts'],
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
		},
	},
	{
		files: packageFiles,
		plugins: community.plugins,
		rules: {
			...community.rules,
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
		files: ['package.json'],
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.community.rules,
			'@typescript-eslint/no-unused-expressions': 'off',
		},
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{
		// The pure modules (request building, dispatch, transport, response parsing) have no n8n node to attach an
		// error to: they throw plain values (ParameterError, PassthroughFailure) that the runtime converts into
		// NodeOperationError / NodeApiError with the item index, once (runtime/runUnits.ts, execute/nodeErrors.ts).
		files: ['nodes/**/{request,response,transport,dispatch,execute,pagination,runtime,shared}/**/*.ts'],
		rules: { '@n8n/community-nodes/require-node-api-error': 'off' },
	},
);
