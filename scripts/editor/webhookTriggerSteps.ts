import { join } from 'node:path';

import type { Page } from 'playwright-core';

import type { Simulator } from '../../test/simulator';
import { OBJECT_TYPES } from '../../nodes/Unified/Trigger/description/objectTypes';
import { addEveryOption, searchNodes } from './panels';
import type { EditorServer } from './server';
import {
	COMMON_OBJECT_LABELS,
	EVENT_COMBINATIONS,
	SAVED_WEBHOOK_TRIGGERS,
	pickConnection,
	pickEach,
	pickEveryObjectType,
	readNotice,
	readObjectTypeList,
	readWebhookUrls,
	setEvents,
	testSubscriptions,
	waitFor,
} from './webhookTrigger';

/**
 * `npm run editor-check`'s steps for the Unified.to Trigger (issue 21), in one theme: saved and fresh triggers, every
 * field, listening for a test event against the simulator, the credential's Webhook Secret. What a step finds goes
 * to `log`; what is wrong to `problems`.
 */

type SavedTrigger = { parameters: Record<string, unknown>; subtitle: string };

/** What check.ts gives the steps: the page of one theme and its helpers. */
export interface ThemeCheck {
	page: Page;
	theme: string;
	shots: string;
	server: EditorServer;
	simulator: Simulator;
	/** A credential on the simulator with its Webhook Secret. */
	signedCredentialId: string;
	nodeType: string;
	log(line: string): void;
	problems: string[];
	/** Opens the node `name` of a workflow in a fresh page load. */
	open(name: string, workflowId: string): Promise<void>;
	openSavedTrigger(label: string, saved: SavedTrigger, type: string): Promise<void>;
	triggerWorkflow(
		name: string,
		parameters: Record<string, unknown>,
		type: string,
		credentialId?: string,
	): Promise<{ id: string }>;
	cutOff(where: string): Promise<void>;
	/** Counts "Currently no items exist" now, for checkAllAdded to compare with. */
	markEmptyCollections(): Promise<void>;
	checkAllAdded(where: string, added: string[]): Promise<void>;
}

export async function checkWebhookTrigger(check: ThemeCheck): Promise<void> {
	if (await savedAndFromNodePanel(check)) await everyField(check);
	await listening(check);
	await credentialField(check);
}

/** Saved triggers open; one added from the node panel's search opens its panel (left open for everyField). */
async function savedAndFromNodePanel(check: ThemeCheck): Promise<boolean> {
	const { page, theme, shots, server, log, problems, cutOff, openSavedTrigger } = check;
	// 8. Saved with only non-defaults: opens, with its subtitle.
	for (const [label, saved] of Object.entries(SAVED_WEBHOOK_TRIGGERS))
		await openSavedTrigger(`Unified.to Trigger (${label})`, saved, check.nodeType);

	// 9. A fresh one from the node panel's search, on an empty workflow.
	const blank = await server.request<{ id: string }>('POST', '/workflows', {
		name: `Webhook trigger from the node panel (${theme})`,
		active: false,
		settings: {},
		connections: {},
		nodes: [],
	});
	await page.goto(`${server.url}/workflow/${blank.id}`);
	await page.waitForTimeout(2000);
	// n8n's node panel names a trigger without an action node of its own after its app: "Unified.to".
	const unified = await searchNodes(page, 'Unified');
	log(
		`${theme}, node search "Unified" on an empty workflow: ${unified.join(' | ') || '(nothing)'}`,
	);
	if (new Set(unified).size !== unified.length)
		problems.push(`${theme}: the node search "Unified" shows duplicates: ${unified.join(' | ')}`);
	const search = page.locator('input[data-test-id="node-creator-search-bar"]');
	await search.fill('Unified.to Trigger');
	await page.waitForTimeout(1500);
	const found = page
		.locator('[data-test-id="item-iterator-item"]')
		.filter({ hasText: "Unified.to's webhooks" });
	const names = (await page.locator('[data-test-id="item-iterator-item"]').allInnerTexts()).map(
		(text) => text.split('\n')[0].trim(),
	);
	log(`${theme}, node search "Unified.to Trigger": ${names.join(' | ') || '(nothing)'}`);
	await page.screenshot({ path: join(shots, `${theme}-webhook-trigger-search.png`) });
	if (!(await found.count())) {
		problems.push(`${theme}: the node search "Unified.to Trigger" does not find it`);
		return false;
	}
	await found.first().click();
	await page.waitForTimeout(1000);
	await page.screenshot({ path: join(shots, `${theme}-webhook-trigger-search-clicked.png`) });
	// n8n makes one entry per option of a parameter called Events: "On <event>", or the option's action.
	const actions = (await page.locator('[data-test-id="item-iterator-item"]').allInnerTexts()).map(
		(text) => text.split('\n')[0].trim(),
	);
	log(`${theme}, the Unified.to entry offers: ${actions.join(' | ') || '(nothing)'}`);
	const expectedActions = ['On record created', 'On record updated', 'On record deleted'];
	if (actions.join('|') !== expectedActions.join('|'))
		problems.push(
			`${theme}: the Unified.to entry offers ${actions.join(' | ')}, not ${expectedActions.join(' | ')}`,
		);
	const firstAction = page.locator('[data-test-id="item-iterator-item"]').first();
	if (await firstAction.count()) await firstAction.click();
	const ndvOpened = await page
		.locator('[data-test-id="ndv"]')
		.waitFor({ timeout: 30_000 })
		.then(() => true)
		.catch(() => false);
	await page.waitForTimeout(1000);
	await page.screenshot({ path: join(shots, `${theme}-webhook-trigger-added.png`) });
	log(
		`${theme}, Unified.to Trigger added from the node panel: panel ${ndvOpened ? 'opens' : 'DOES NOT OPEN'}`,
	);
	if (!ndvOpened) {
		problems.push(`${theme}: adding the Unified.to Trigger from the node panel opens no panel`);
		return false;
	}
	await cutOff('Unified.to Trigger, fresh');
	return true;
}

/** In the open panel: the notice, the URLs, every Object, every Events combination, every option. */
async function everyField(check: ThemeCheck): Promise<void> {
	const { page, theme, shots, log, problems, markEmptyCollections, checkAllAdded } = check;
	// 10. The notice about the Webhook Secret: there, whole, readable.
	const notice = await readNotice(page, 'Deliveries are verified');
	log(
		`${theme}, Webhook Secret notice: ${notice.found ? `"${notice.text}"` : 'NOT FOUND'}, ${notice.cut ? 'CUT OFF' : 'whole'}, contrast ${notice.contrast}`,
	);
	if (!notice.found || notice.cut || !notice.text.endsWith('into the workflow.'))
		problems.push(`${theme}: the Webhook Secret notice is missing or cut off: "${notice.text}"`);
	if (notice.found && notice.contrast < 4.5)
		problems.push(`${theme}: the Webhook Secret notice's contrast is ${notice.contrast} (< 4.5)`);

	// 11. The webhook URLs.
	const urls = await readWebhookUrls(page).catch((error: Error) => ({
		test: `(${error.message.split('\n')[0]})`,
		production: '',
	}));
	log(
		`${theme}, Webhook URLs: Test URL ${urls.test || '(none)'}, Production URL ${urls.production || '(none)'}`,
	);
	if (!urls.test.includes('/webhook-test/') || !/\/webhook\/.+\/webhook$/.test(urls.production))
		problems.push(`${theme}: the Webhook URLs panel shows "${urls.test}" / "${urls.production}"`);
	await page.screenshot({ path: join(shots, `${theme}-webhook-trigger-urls.png`) });

	// 12. Object: long, common objects first, searchable or at least scrollable; every entry can be picked.
	const list = await readObjectTypeList(page);
	const searchable = list.searchTicket.length > 0 && list.searchTicket.length < list.entries.length;
	log(
		`${theme}, Object offers ${list.entries.length} entries, first ${list.entries.slice(0, 10).join(', ')}; scrolls: ${list.scrollable}, last entry reachable: ${list.lastReachable}; typing "ticket" leaves ${searchable ? list.searchTicket.join(', ') : `${list.searchTicket.length} entries (not searchable)`}`,
	);
	if (list.entries.slice(0, 10).join('|') !== COMMON_OBJECT_LABELS.join('|'))
		problems.push(`${theme}: Object does not start with the common objects`);
	if (list.entries.length !== OBJECT_TYPES.length)
		problems.push(
			`${theme}: Object offers ${list.entries.length} entries, not ${OBJECT_TYPES.length}`,
		);
	if (!searchable && !(list.scrollable && list.lastReachable))
		problems.push(`${theme}: Object's list is neither searchable nor scrollable to its end`);
	const notPicked = await pickEveryObjectType(page, list.entries);
	log(
		`${theme}, every Object picked: ${notPicked.length ? `FAILED ${notPicked.join(', ')}` : `all ${list.entries.length}`}`,
	);
	for (const failure of notPicked) problems.push(`${theme}: Object cannot be picked: ${failure}`);
	await pickEveryObjectType(page, [COMMON_OBJECT_LABELS[0]]);

	// 13. Every combination of Events; none chosen must show a problem. A connection first, so that the
	// node's only possible issue is Events.
	const connection = await pickConnection(page, 'HubSpot – customer-42').catch(
		(error: Error) => `(${error.message.split('\n')[0]})`,
	);
	log(`${theme}, Connection picked: ${connection}`);
	for (const combination of [...EVENT_COMBINATIONS, ['Created', 'Updated']]) {
		const set = await setEvents(page, combination);
		log(
			`${theme}, Events ${combination.join(' + ') || '(none)'}: shows ${set.shown.join(' + ') || '(none)'}; issue: ${set.issue || 'none'}`,
		);
		if ([...set.shown].sort().join('|') !== [...combination].sort().join('|'))
			problems.push(
				`${theme}: Events set to ${combination.join(' + ') || 'none'} shows ${set.shown.join(' + ') || 'none'}`,
			);
		if (!combination.length && !set.issue)
			problems.push(`${theme}: no event chosen shows no clear problem ("${set.issue}")`);
		if (combination.length && set.issue)
			problems.push(`${theme}: Events ${combination.join(' + ')} shows an issue: ${set.issue}`);
		if (!combination.length)
			await page.screenshot({ path: join(shots, `${theme}-webhook-trigger-no-events.png`) });
	}

	// 14. Every option, Output both ways, a filter row.
	await markEmptyCollections();
	const added = await addEveryOption(page);
	const expected = [
		'Connection Category',
		'Fields',
		'Filters',
		'Include Existing Records',
		'Interval (Minutes)',
		'Output',
	];
	const missing = expected.filter((label) => !added.includes(label));
	if (missing.length)
		problems.push(`${theme}: the Unified.to Trigger does not offer ${missing.join(', ')}`);
	const outputs = await pickEach(page, 'output', ['Raw Upstream Record', 'Unified Record']).catch(
		(error: Error) => [`(${error.message.split('\n')[0]})`],
	);
	log(`${theme}, Output picked: ${outputs.join(' then ')}`);
	if (outputs.join('|') !== 'Raw Upstream Record|Unified Record')
		problems.push(`${theme}: Output picked shows ${outputs.join(' then ')}`);
	// n8n drops an empty Filters as soon as another option changes: add it last, then a filter row.
	await page.getByPlaceholder('Add option').first().click();
	await page
		.locator('.el-select-dropdown__item:visible')
		.filter({ hasText: /^Filters$/ })
		.first()
		.click()
		.catch(() => undefined);
	await page.waitForTimeout(300);
	const addFilter = page.locator('[data-test-id="ndv"]').getByText('Add Filter', { exact: true });
	if (await addFilter.count()) {
		await addFilter.first().click();
		await page.waitForTimeout(500);
	}
	const filterText = await page.locator('[data-test-id="ndv"]').innerText();
	const filterShown = /\bField\b/.test(filterText) && /\bValue\b/.test(filterText);
	log(
		`${theme}, Filters added, then a filter: Field and Value ${filterShown ? 'shown' : 'MISSING'}`,
	);
	if (!filterShown) problems.push(`${theme}: adding a filter shows no Field / Value`);
	await checkAllAdded('Unified.to Trigger', [...new Set(added)]);
	await page.screenshot({
		path: join(shots, `${theme}-webhook-trigger-options.png`),
		fullPage: true,
	});
}

/** "Execute step" on a saved trigger: subscribed for the Test URL, a delivery shown, unsubscribed after. */
async function listening(check: ThemeCheck): Promise<void> {
	const {
		page,
		theme,
		shots,
		simulator,
		log,
		problems,
		open,
		triggerWorkflow,
		signedCredentialId,
	} = check;
	// 15. "Listen for test event": n8n subscribes the Test URL, shows a delivery, and unsubscribes.
	const listening = await triggerWorkflow(
		`Listen (${theme})`,
		{},
		check.nodeType,
		signedCredentialId,
	);
	await open('Trigger', listening.id);
	const listenUrls = await readWebhookUrls(page).catch(() => ({ test: '', production: '' }));
	const listenButton = page
		.locator('[data-test-id="ndv"]')
		.getByRole('button', { name: /listen for test event|test this trigger|execute step/i })
		.first();
	const listen = async () => {
		await listenButton.click();
		return await waitFor(
			() => testSubscriptions(simulator),
			(made) => made.length >= 2,
			30_000,
		);
	};
	const made = await listen();
	await page.screenshot({ path: join(shots, `${theme}-webhook-trigger-listening.png`) });
	const hinted = (await page.locator('body').innerText()).includes(
		'Waiting for a change in the connection',
	);
	log(`${theme}, while listening the editor shows the node's listening hint: ${hinted}`);
	log(
		`${theme}, listening: ${made.length} subscription(s) in the simulator: ${made.map((webhook) => `${webhook.event} -> ${webhook.hook_url}`).join(', ') || 'none'}`,
	);
	if (made.length !== 2 || made.some((webhook) => webhook.hook_url !== listenUrls.test))
		problems.push(
			`${theme}: listening made ${made.length} subscription(s), not one per event to ${listenUrls.test}`,
		);
	const created = made.find((webhook) => webhook.event === 'created');
	if (created) {
		const name = `Editor ${theme}`;
		simulator.feed.add('hubspot:contacts', { firstname: 'Editor', lastname: theme });
		const after = simulator.deliveries.length;
		simulator.triggerWebhook(created.id);
		const attempt = await simulator
			.nextDelivery({ webhookId: created.id, after, timeoutMs: 20_000 })
			.catch((error: Error) => ({ status: undefined, error: error.message }));
		const shown = await page
			.locator('[data-test-id="ndv"]')
			.getByText(name)
			.first()
			.waitFor({ timeout: 20_000 })
			.then(() => true)
			.catch(() => false);
		await page.screenshot({ path: join(shots, `${theme}-webhook-trigger-test-event.png`) });
		const left = await waitFor(
			() => testSubscriptions(simulator),
			(list) => list.length === 0,
			20_000,
		);
		log(
			`${theme}, test delivery answered ${attempt.status ?? attempt.error}; the panel shows the record: ${shown}; test subscriptions left after it: ${left.length}`,
		);
		if (attempt.status !== 200 || !shown)
			problems.push(
				`${theme}: a test delivery (${attempt.status ?? attempt.error}) is not shown in the panel`,
			);
		if (left.length)
			problems.push(`${theme}: ${left.length} test subscription(s) left after the test event`);
	}
	// Listening again, then stopping, removes the test subscriptions too.
	const again = await listen();
	await page
		.locator('[data-test-id="ndv"]')
		.getByRole('button', { name: /stop listening/i })
		.first()
		.click()
		.catch(() => undefined);
	const leftAfterStop = await waitFor(
		() => testSubscriptions(simulator),
		(list) => list.length === 0,
		20_000,
	);
	log(
		`${theme}, listening again: ${again.length} subscription(s); after Stop Listening: ${leftAfterStop.length} left`,
	);
	if (again.length !== 2 || leftAfterStop.length)
		problems.push(
			`${theme}: listening again made ${again.length}, stopping left ${leftAfterStop.length}`,
		);
	const production = simulator.webhooks.filter(
		(webhook) => !webhook.hook_url.includes('/webhook-test/'),
	);
	if (production.length)
		problems.push(
			`${theme}: listening made ${production.length} subscription(s) that are not for the Test URL`,
		);
}

/** The credential's optional Webhook Secret: a password field, its description whole. */
async function credentialField(check: ThemeCheck): Promise<void> {
	const { page, theme, shots, server, log, problems, signedCredentialId } = check;
	// 16. The credential shows the optional Webhook Secret, hidden, its description whole.
	await page.goto(`${server.url}/home/credentials/${signedCredentialId}`);
	const dialog = page.locator('[data-test-id="credential-edit-dialog"]');
	const secretShown = await dialog
		.getByText('Webhook Secret', { exact: true })
		.first()
		.waitFor({ timeout: 30_000 })
		.then(() => true)
		.catch(() => false);
	// n8n shows a credential field's description as the hover text of an icon beside its label.
	const secretLabel = dialog
		.locator('label.n8n-input-label')
		.filter({ has: page.getByText('Webhook Secret', { exact: true }) })
		.first();
	let secret = { type: '', text: '', cut: false };
	if (secretShown) {
		const type = await secretLabel.evaluate((label) => {
			for (let node: HTMLElement | null = label as HTMLElement; node; node = node.parentElement) {
				const input = node.querySelector('input');
				if (input) return input.type;
			}
			return '(no input)';
		});
		await secretLabel.hover();
		await page.waitForTimeout(300);
		const icon = secretLabel.locator('svg[data-icon="circle-help"]').first();
		if (await icon.count()) await icon.hover();
		await page.waitForTimeout(800);
		const tooltip = page
			.getByText('Only for the Unified.to Trigger')
			.locator('visible=true')
			.last();
		const text = (await tooltip.count()) ? await tooltip.innerText().catch(() => '') : '';
		const cut = (await tooltip.count())
			? await tooltip.evaluate((element) =>
					[element, ...element.querySelectorAll<HTMLElement>('*')].some(
						(child) =>
							child.scrollHeight > child.clientHeight + 1 &&
							['hidden', 'clip'].includes(getComputedStyle(child).overflowY),
					),
				)
			: false;
		secret = { type, text: text.replace(/\s+/g, ' ').trim(), cut };
	}
	const described = secret.text.includes('anyone who knows the trigger');
	log(
		`${theme}, credential: Webhook Secret ${secretShown ? 'shown' : 'NOT SHOWN'}, input type ${secret.type}, description ${described ? (secret.cut ? 'CUT OFF' : 'whole') : 'NOT SHOWN'}: "${secret.text}"`,
	);
	await page.screenshot({ path: join(shots, `${theme}-credential.png`) });
	if (!secretShown || secret.type !== 'password' || !described || secret.cut)
		problems.push(
			`${theme}: the credential's Webhook Secret field (${secret.type}) or its description is not shown whole`,
		);
}
