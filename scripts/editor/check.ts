import { mkdirSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';

import { chromium, type Page } from 'playwright-core';

import { startSimulator } from '../../test/simulator';
import { NODE_TYPE } from '../e2e/config';
import { installPackage, packPackage } from '../e2e/installPackage';
import { ensureRuntime } from '../e2e/runtime';
import { addEveryOption, pickEverySource, searchNodes, SOURCE_FIELDS } from './panels';
import { startEditorServer } from './server';
import { checkWebhookTrigger } from './webhookTriggerSteps';

/**
 * `npm run editor-check`: the packed package in a real n8n 2.41.1 editor, in Chromium, light and dark theme.
 * Prints what a user would trip over (labels cut off, the connection list, the credential test's message) and
 * saves screenshots to the work folder (not committed). Its own n8n (own folder and ports), beside `npm run e2e`.
 */
const WORK = process.env.EDITOR_CHECK_DIR ?? '/tmp/n8n-editor-check';
const PORT = Number(process.env.EDITOR_CHECK_PORT ?? 5791);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = process.env.EDITOR_SHOTS_DIR;
const TRIGGER_TYPE = `${NODE_TYPE}Trigger`;
const TOOL_TYPE = `${NODE_TYPE}Tool`;
const WEBHOOK_TRIGGER_TYPE = NODE_TYPE.replace(/unifiedPassthrough$/, 'unifiedTrigger');
/** `EDITOR_CHECK_ONLY=webhook-trigger`: only the Unified.to Trigger's steps (a quicker loop while working on it). */
const ONLY_WEBHOOK_TRIGGER = process.env.EDITOR_CHECK_ONLY === 'webhook-trigger';
/** A trigger as saved for each Source, with only what the user changed (n8n leaves defaults out). */
const SAVED_TRIGGERS: Record<string, { parameters: Record<string, unknown>; subtitle: string }> = {
	// Object and Properties as the plain strings saved before they became lists (item 16).
	hubspot: {
		parameters: { hubspotObject: 'deals', hubspotProperties: 'dealname,amount' },
		subtitle: 'HubSpot: New or Updated',
	},
	salesforce: {
		parameters: { source: 'salesforce', soql: 'SELECT Id, Name FROM Account', event: 'new' },
		subtitle: 'Salesforce: New',
	},
	// Saved before Slack offered only New: it must still open, and reads as New.
	slack: {
		parameters: { source: 'slack', slackChannel: 'C0123456789', event: 'newOrUpdated' },
		subtitle: 'Slack: New',
	},
	// Issue 19 item 1: without "pagination" in the JSON such a workflow did not open.
	custom: {
		parameters: { source: 'custom', path: '/records' },
		subtitle: 'Custom Endpoint: New or Updated',
	},
};

const log = (line: string) => console.log(line);
const shotName = (label: string) => label.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
const problems: string[] = [];

/**
 * Texts in the node panel that are cut off: an element that clips (ellipsis, or overflow hidden on one line)
 * and is wider inside than its box. With `probe`, the label of `probe.name` first gets `probe.text`: the check
 * must find the labels the issue reported ("Retry Non-Idempotent Requests") cut off, or it proves nothing.
 */
async function cutOffTexts(page: Page, probe?: { name: string; text: string }): Promise<string[]> {
	return await page.evaluate((probe) => {
		const panel = document.querySelector('[data-test-id="ndv"]') ?? document.body;
		let restore: (() => void) | undefined;
		if (probe) {
			const span = panel.querySelector(`label[for="${probe.name}"] span`);
			if (!span) return [`(probe: no label for ${probe.name})`];
			const before = span.textContent;
			span.textContent = probe.text;
			restore = () => (span.textContent = before);
		}
		const cut: string[] = [];
		for (const element of panel.querySelectorAll<HTMLElement>('*')) {
			if (!element.textContent?.trim() || element.clientWidth === 0) continue;
			const style = getComputedStyle(element);
			const clips =
				style.textOverflow === 'ellipsis' ||
				(style.overflowX === 'hidden' && style.whiteSpace === 'nowrap');
			if (clips && element.scrollWidth > element.clientWidth + 1)
				cut.push(element.innerText.trim());
		}
		restore?.();
		return [...new Set(cut)];
	}, probe);
}

async function main(): Promise<void> {
	const runtime = await ensureRuntime(log);
	rmSync(WORK, { recursive: true, force: true });
	const userFolder = join(WORK, 'n8n');
	const shots = SHOTS ?? join(WORK, 'screenshots');
	mkdirSync(shots, { recursive: true });
	const tarball = await packPackage(join(WORK, 'pack'));
	await installPackage(
		'installer',
		tarball,
		userFolder,
		`${runtime.nodeBinDir}${delimiter}${process.env.PATH}`,
	);
	const simulator = await startSimulator({ port: 0 });
	const server = await startEditorServer(runtime, userFolder, PORT, log);
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
	try {
		// The credential test, as the editor's "Test" button calls it (on a saved credential).
		const testCredential = async (name: string, data: Record<string, unknown>) => {
			const saved = await server.request<{ id: string }>('POST', '/credentials', {
				name,
				type: 'unifiedApi',
				data,
			});
			const outcome = await server.request<{ status: string; message?: string }>(
				'POST',
				'/credentials/test',
				{ credentials: { id: saved.id, name, type: 'unifiedApi', data } },
			);
			log(
				`credential test, ${name}: ${outcome.status}${outcome.message ? `: ${outcome.message}` : ''}`,
			);
			return { id: saved.id, ...outcome };
		};
		const wrongKey = await testCredential('wrong key', {
			apiKey: 'wrong',
			region: 'custom',
			baseUrl: simulator.baseUrl,
		});
		if (!/^Wrong API key, or a key from another region/.test(wrongKey.message ?? ''))
			problems.push(`credential test message for a 401: "${wrongKey.message}"`);
		const credential = await testCredential('Unified.to account', {
			apiKey: simulator.apiKey,
			region: 'custom',
			baseUrl: simulator.baseUrl,
		});
		if (credential.status !== 'OK')
			problems.push(`credential test with the right key: ${credential.message}`);
		// One workflow per theme: n8n makes a workflow read-only while another session has it open.
		const createWorkflow = (name: string) =>
			server.request<{ id: string }>('POST', '/workflows', {
				name,
				active: false,
				settings: {},
				connections: {
					Start: { main: [[{ node: 'Passthrough', type: 'main', index: 0 }]] },
				},
				nodes: [
					{
						id: 'start',
						name: 'Start',
						type: 'n8n-nodes-base.manualTrigger',
						typeVersion: 1,
						position: [0, 0],
						parameters: {},
					},
					{
						id: 'passthrough',
						name: 'Passthrough',
						type: NODE_TYPE,
						typeVersion: 1,
						position: [240, 0],
						parameters: {
							connection: { __rl: true, mode: 'list', value: '' },
							path: '/crm/v3/objects/contacts',
							sendBody: true,
							specifyBody: 'json',
							options: {
								pagination: { settings: { mode: 'offset' } },
								retry: { settings: {} },
							},
						},
						credentials: { unifiedApi: { id: credential.id, name: 'Unified.to account' } },
					},
					{
						id: 'fresh',
						name: 'Fresh',
						type: NODE_TYPE,
						typeVersion: 1,
						position: [240, 240],
						parameters: {
							connection: { __rl: true, mode: 'externalXref', value: 'customer-42' },
							path: '/crm/v3/objects/contacts',
						},
						credentials: { unifiedApi: { id: credential.id, name: 'Unified.to account' } },
					},
					{
						id: 'all-options',
						name: 'All Options',
						type: NODE_TYPE,
						typeVersion: 1,
						position: [480, 0],
						parameters: {
							connection: { __rl: true, mode: 'id', value: 'conn_hubspot' },
							path: '/crm/v3/objects/contacts',
						},
						credentials: { unifiedApi: { id: credential.id, name: 'Unified.to account' } },
					},
					{
						id: 'tool',
						name: 'As Tool',
						type: TOOL_TYPE,
						typeVersion: 1,
						position: [480, 240],
						parameters: {
							connection: { __rl: true, mode: 'id', value: 'conn_hubspot' },
							path: '/crm/v3/objects/contacts',
						},
						credentials: { unifiedApi: { id: credential.id, name: 'Unified.to account' } },
					},
				],
			});
		const signed = await testCredential('Unified.to signed', {
			apiKey: simulator.apiKey,
			region: 'custom',
			baseUrl: simulator.baseUrl,
			webhookSecret: simulator.webhookSecret,
		});
		const triggerWorkflow = (
			name: string,
			parameters: Record<string, unknown>,
			type = TRIGGER_TYPE,
			credentialId = credential.id,
		) =>
			server.request<{ id: string }>('POST', '/workflows', {
				name,
				active: false,
				settings: {},
				connections: {},
				nodes: [
					{
						id: 'trigger',
						name: 'Trigger',
						type,
						typeVersion: 1,
						position: [0, 0],
						parameters: {
							connection: { __rl: true, mode: 'id', value: 'conn_hubspot' },
							...parameters,
						},
						credentials: { unifiedApi: { id: credentialId, name: 'Unified.to account' } },
					},
				],
			});

		for (const theme of ['light', 'dark']) {
			const workflow = await createWorkflow(`Editor check (${theme})`);
			const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
			await context.addCookies([
				{ name: 'n8n-auth', value: server.cookie, domain: '127.0.0.1', path: '/' },
			]);
			// tsx keeps function names with a __name helper, which the functions sent to the page call.
			await context.addInitScript({ content: 'globalThis.__name = (target) => target;' });
			await context.addInitScript((value) => localStorage.setItem('N8N_THEME', value), theme);
			const page = await context.newPage();
			const pageErrors: string[] = [];
			page.on('pageerror', (error) => pageErrors.push(error.message));
			const open = async (name: string, workflowId = workflow.id) => {
				// A fresh load each time: no panel or dropdown left open by the step before.
				await page.goto(`${server.url}/workflow/${workflowId}`);
				const node = page.locator('[data-test-id="canvas-node"]').filter({ hasText: name });
				await node.waitFor();
				await page.waitForTimeout(1000);
				await node.dblclick();
				await page.locator('[data-test-id="ndv"]').waitFor();
				await page.waitForTimeout(1000);
			};
			const emptyCollections = async () =>
				(await page.locator('[data-test-id="ndv"]').innerText()).split('Currently no items exist')
					.length - 1;
			// Counted before the options are added: the trigger's top-level Pagination (Custom) shows it on its own.
			let emptyBefore = 0;
			const checkAllAdded = async (where: string, added: string[]) => {
				const empty = (await emptyCollections()) > emptyBefore;
				log(
					`${theme}, ${where}: added ${added.length} options (${added.join(', ')}); "Currently no items exist" ${empty ? 'SHOWN' : 'not shown'}`,
				);
				if (empty)
					problems.push(`${theme}, ${where}: "Currently no items exist" after adding every option`);
				if (!added.length) problems.push(`${theme}, ${where}: no option could be added`);
				await cutOff(`${where}, every option added`);
			};
			const cutOff = async (where: string) => {
				const cut = await cutOffTexts(page);
				log(`${theme}, ${where}: cut off: ${cut.length ? cut.join(' | ') : 'none'}`);
				for (const text of cut) problems.push(`${theme}, ${where}: cut off: "${text}"`);
			};

			/** A saved workflow with one trigger opens, with its subtitle on the canvas, and so does its panel. */
			const openSavedTrigger = async (
				label: string,
				saved: { parameters: Record<string, unknown>; subtitle: string },
				type = TRIGGER_TYPE,
			) => {
				const { id } = await triggerWorkflow(`${label} (${theme})`, saved.parameters, type);
				await page.goto(`${server.url}/workflow/${id}`);
				const node = page.locator('[data-test-id="canvas-node"]');
				// Either the canvas or n8n's error; on a busy machine the editor may take a while to load.
				await node
					.first()
					.or(page.getByText('Problem opening workflow'))
					.first()
					.waitFor({ timeout: 90_000 })
					.catch(() => undefined);
				const opened = (await node.count()) > 0;
				await page.waitForTimeout(1000);
				const text = await page.locator('body').innerText();
				const subtitle = opened ? await node.first().innerText() : '';
				log(
					`${theme}, saved ${label}: ${opened ? 'opens' : 'DOES NOT OPEN'}, canvas shows "${subtitle.replace(/\s+/g, ' ').trim()}"`,
				);
				if (!opened || text.includes('Problem opening workflow'))
					problems.push(`${theme}: a saved ${label} does not open`);
				if (!subtitle.includes(saved.subtitle))
					problems.push(`${theme}: the ${label}'s subtitle is not "${saved.subtitle}"`);
				await page.screenshot({
					path: join(shots, `${theme}-saved-${shotName(label)}-canvas.png`),
				});
				if (!opened) return;
				// Its panel opens too, the fields saved as strings before item 16 shown as they are.
				await node.first().dblclick();
				const panel = await page
					.locator('[data-test-id="ndv"]')
					.waitFor({ timeout: 30_000 })
					.then(async () => await page.locator('[data-test-id="ndv"]').innerText())
					.catch(() => '');
				await page.waitForTimeout(1000);
				const fields = await page
					.locator('[data-test-id="ndv"] input')
					.evaluateAll((inputs) =>
						(inputs as HTMLInputElement[]).map((input) => input.value).filter(Boolean),
					);
				log(
					`${theme}, saved ${label}'s panel: ${panel ? 'opens' : 'DOES NOT OPEN'}; inputs: ${fields.join(' | ')}`,
				);
				if (!panel) problems.push(`${theme}: the panel of a saved ${label} does not open`);
				await page.screenshot({ path: join(shots, `${theme}-saved-${shotName(label)}-panel.png`) });
			};

			/** The page's errors, then the next theme. */
			const endTheme = async () => {
				log(`${theme}, errors in the page: ${pageErrors.length ? pageErrors.join(' | ') : 'none'}`);
				for (const error of pageErrors) problems.push(`${theme}: page error: ${error}`);
				await context.close();
			};
			const webhookTriggerSteps = async () =>
				await checkWebhookTrigger({
					page,
					theme,
					shots,
					server,
					simulator,
					signedCredentialId: signed.id,
					nodeType: WEBHOOK_TRIGGER_TYPE,
					log,
					problems,
					open,
					openSavedTrigger,
					triggerWorkflow,
					cutOff,
					markEmptyCollections: async () => {
						emptyBefore = await emptyCollections();
					},
					checkAllAdded,
				});
			if (ONLY_WEBHOOK_TRIGGER) {
				await webhookTriggerSteps();
				await endTheme();
				continue;
			}

			// 1. A node with pagination (offset) and retry: every label whole.
			await open('Passthrough');
			await page.screenshot({ path: join(shots, `${theme}-panel.png`) });
			const probe = await cutOffTexts(page, {
				name: 'retryNonIdempotent',
				text: 'Retry Non-Idempotent Requests',
			});
			if (!probe.includes('Retry Non-Idempotent Requests'))
				problems.push(`the cut-off check misses a label the issue reported: ${probe.join(' | ')}`);
			await cutOff('panel with pagination and retry');
			// A hovered field shows its Fixed / Expression switch beside the label, leaving the label less room.
			const items = page.locator('[data-test-id="ndv"] [data-test-id="parameter-item"]');
			const hoveredCut = new Set<string>();
			for (let index = 0; index < (await items.count()); index++) {
				const item = items.nth(index);
				if (!(await item.isVisible())) continue;
				await item.scrollIntoViewIfNeeded();
				await item.hover();
				await page.waitForTimeout(150);
				for (const text of await cutOffTexts(page)) hoveredCut.add(text);
			}
			log(
				`${theme}, each field hovered (${await items.count()}): cut off: ${hoveredCut.size ? [...hoveredCut].join(' | ') : 'none'}`,
			);
			for (const text of hoveredCut) problems.push(`${theme}, hovered: cut off: "${text}"`);
			await page
				.locator('[data-test-id="parameter-item"]')
				.filter({ hasText: 'Max Retries' })
				.first()
				.scrollIntoViewIfNeeded();
			await page.screenshot({ path: join(shots, `${theme}-options.png`) });

			// 2. The connection list: entries, and the picked one.
			const entry = page.getByText('HubSpot – customer-50 [paused]');
			// The first click can land while the panel still settles: click until the list shows.
			for (let attempt = 1; ; attempt++) {
				await page.locator('[data-test-id="rlc-input-container"]').click();
				try {
					await entry.waitFor({ timeout: 10_000 });
					break;
				} catch (error) {
					await page.screenshot({ path: join(shots, `${theme}-list-attempt-${attempt}.png`) });
					if (attempt === 3) throw error;
				}
			}
			await page.screenshot({ path: join(shots, `${theme}-connection-list.png`) });
			const listCut = await page.evaluate(() =>
				[...document.querySelectorAll<HTMLElement>('*')]
					.filter(
						(element) =>
							/customer-|conn_/.test(element.textContent ?? '') &&
							getComputedStyle(element).textOverflow === 'ellipsis' &&
							element.scrollWidth > element.clientWidth + 1,
					)
					.map((element) => element.innerText.trim()),
			);
			log(`${theme}, connection list: cut off: ${listCut.length ? listCut.join(' | ') : 'none'}`);
			for (const text of listCut) problems.push(`${theme}, connection list: cut off: "${text}"`);
			await page.getByText('HubSpot – customer-42', { exact: true }).click();
			await page.waitForTimeout(500);
			await page.screenshot({ path: join(shots, `${theme}-connection-picked.png`) });
			const picked = await page.locator('[data-test-id="rlc-input"]').evaluate((element) => {
				const input = (
					element instanceof HTMLInputElement ? element : element.querySelector('input')
				) as HTMLInputElement;
				return { value: input.value, cut: input.scrollWidth > input.clientWidth + 1 };
			});
			log(`${theme}, picked connection shows "${picked.value}"${picked.cut ? ' (cut off)' : ''}`);
			if (picked.value !== 'HubSpot – customer-42' || picked.cut)
				problems.push(
					`${theme}: the picked connection shows "${picked.value}"${picked.cut ? ', cut off' : ''}`,
				);

			// 3. A node without options: adding Retry shows its values, adding Pagination shows Mode alone.
			await open('Fresh');
			await cutOff('node in By Xref mode');
			for (const optionName of ['Retry', 'Pagination']) {
				await page.getByPlaceholder('Add option').click();
				await page
					.locator('.el-select-dropdown__item')
					.filter({ hasText: new RegExp(`^${optionName}$`) })
					.click();
				await page.waitForTimeout(500);
			}
			const text = await page.locator('[data-test-id="ndv"]').innerText();
			const empty = text.includes('Currently no items exist');
			const retryShown = [
				'Max Retries',
				'Status Codes',
				'Max Wait (Ms)',
				'Retry POST / PATCH',
			].every((label) => text.includes(label));
			const paginationOff = text.includes('Mode') && !text.includes('Max Pages');
			log(
				`${theme}, options added: "Currently no items exist" ${empty ? 'shown' : 'not shown'}, retry values ${retryShown ? 'shown' : 'missing'}, pagination shows Mode alone: ${paginationOff}`,
			);
			if (empty || !retryShown || !paginationOff)
				problems.push(
					`${theme}: adding Retry / Pagination does not show their settings as expected`,
				);
			await page
				.locator('[data-test-id="parameter-item"]')
				.filter({ hasText: 'Max Retries' })
				.first()
				.scrollIntoViewIfNeeded();
			await page.screenshot({ path: join(shots, `${theme}-options-added.png`) });
			await cutOff('options added');

			// 4. A saved trigger of each Source opens, with its subtitle in labels (issue 19 items 1 and 6).
			for (const [source, saved] of Object.entries(SAVED_TRIGGERS))
				await openSavedTrigger(`${source} trigger`, saved);

			// 5. Every Source picked in a fresh trigger (item 1, 11), then every trigger option added (7, 13).
			const fresh = await triggerWorkflow(`Trigger picked (${theme})`, {});
			await open('Trigger', fresh.id);
			for (const picked of await pickEverySource(page, async (source) => {
				await page.screenshot({ path: join(shots, `${theme}-trigger-source-${source}.png`) });
			})) {
				const expected = SOURCE_FIELDS[picked.source];
				const events = picked.events.join(' / ');
				log(
					`${theme}, Source ${expected.label}: shown "${picked.shownSource}", Event offers ${events}${picked.missing.length ? `, missing ${picked.missing.join(', ')}` : ''}`,
				);
				if (picked.shownSource !== expected.label)
					problems.push(`${theme}: picking ${expected.label} shows "${picked.shownSource}"`);
				if (picked.missing.length)
					problems.push(`${theme}: ${expected.label} does not show ${picked.missing.join(', ')}`);
				if (events !== (expected.newOnly ? 'New' : 'New or Updated / New'))
					problems.push(`${theme}: ${expected.label}'s Event offers ${events}`);
			}
			emptyBefore = await emptyCollections();
			log(
				`${theme}, trigger (Custom) before any option: "Currently no items exist" ${emptyBefore} time(s)`,
			);
			const triggerOptions = await addEveryOption(page);
			await checkAllAdded('trigger', triggerOptions);
			await page.screenshot({ path: join(shots, `${theme}-trigger-options.png`), fullPage: true });

			// 6. Every option of the action node, and of the node as an AI tool (items 4, 7, 12).
			await open('All Options');
			emptyBefore = await emptyCollections();
			const actionOptions = await addEveryOption(page);
			await checkAllAdded('action node', actionOptions);
			if (!actionOptions.includes('Batching'))
				problems.push(`${theme}: the node offers no Batching`);
			await page
				.locator('[data-test-id="parameter-item"]')
				.filter({ hasText: 'Batch Size' })
				.first()
				.scrollIntoViewIfNeeded()
				.catch(() => undefined);
			await page.screenshot({ path: join(shots, `${theme}-action-options.png`) });
			await open('As Tool');
			const hint = await page.locator('[data-test-id="ndv"]').innerText();
			const hinted = hint.includes('Let Model Pick Connection on');
			log(`${theme}, tool: Connection's hint names Let Model Pick Connection: ${hinted}`);
			if (!hinted) problems.push(`${theme}: the tool's Connection has no hint about the opt-in`);
			await page.screenshot({ path: join(shots, `${theme}-tool-connection.png`) });
			emptyBefore = await emptyCollections();
			const toolOptions = await addEveryOption(page);
			await checkAllAdded('tool', toolOptions);
			if (toolOptions.includes('Batching')) problems.push(`${theme}: a tool offers Batching`);
			if (!toolOptions.includes('Optimize Response for AI'))
				problems.push(`${theme}: the tool offers no Optimize Response for AI`);
			await page.screenshot({ path: join(shots, `${theme}-tool-options.png`) });

			// 7. The node panel's search: one entry for the polling trigger and the action node (item 5).
			await page.goto(`${server.url}/workflow/${fresh.id}`);
			await page.locator('[data-test-id="canvas-node"]').first().waitFor();
			await page.waitForTimeout(1000);
			const entries = await searchNodes(page, 'Unified');
			const ours = entries.filter((entry) => entry.startsWith('Unified.to'));
			log(`${theme}, node search "Unified": ${ours.join(' | ') || '(nothing)'}`);
			// One entry for the action node and the polling trigger; n8n lists the Unified.to Trigger, which has no
			// action node of its own, after its app ("Unified.to"), in the trigger view.
			const expectedEntries = ['Unified.to Passthrough', 'Unified.to'];
			if (
				new Set(ours).size !== ours.length ||
				!ours.includes('Unified.to Passthrough') ||
				ours.some((entry) => !expectedEntries.includes(entry))
			)
				problems.push(`${theme}: the node search shows ${ours.join(' | ')}`);
			await page.screenshot({ path: join(shots, `${theme}-node-search.png`) });

			await webhookTriggerSteps();
			await endTheme();
		}
	} finally {
		await browser.close();
		await server.stop();
		await simulator.close();
	}
	if (problems.length) {
		console.log(`\n${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
		process.exitCode = 1;
	} else console.log('\nno problems found');
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
