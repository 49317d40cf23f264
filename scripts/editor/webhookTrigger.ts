import type { Locator, Page } from 'playwright-core';

import type { Simulator } from '../../test/simulator';
import { OBJECT_TYPES, objectTypeName } from '../../nodes/Unified/Trigger/description/objectTypes';

/**
 * Readers of the Unified.to Trigger's panel for `npm run editor-check` (issue 21): its fields, notice and webhook
 * URLs, and the simulator's test subscriptions. Each returns what it found; webhookTriggerSteps.ts decides what is a
 * problem.
 */

/** The webhook trigger as saved with only what the user changed (n8n leaves defaults out). */
export const SAVED_WEBHOOK_TRIGGERS: Record<
	string,
	{ parameters: Record<string, unknown>; subtitle: string }
> = {
	defaults: { parameters: {}, subtitle: 'CRM Contact: Created, Updated' },
	'ticket deleted, options': {
		parameters: {
			objectType: 'ticketing_ticket',
			events: ['deleted'],
			options: { interval: 5, output: 'raw', fields: 'id,subject' },
		},
		subtitle: 'Ticketing Ticket: Deleted',
	},
};

/** The common objects, first in the list and in this order (labels as the panel shows them). */
export const COMMON_OBJECT_LABELS = OBJECT_TYPES.slice(0, 10).map(objectTypeName);

const EVENTS = ['Created', 'Updated', 'Deleted'];

const dropdownItems = (page: Page) => page.locator('.el-select-dropdown__item:visible');

async function closeDropdowns(page: Page): Promise<void> {
	await page.keyboard.press('Escape');
	await page.waitForTimeout(200);
}

export interface ObjectTypeList {
	entries: string[];
	/** The dropdown's list is taller than its box and scrolls to its last entry. */
	scrollable: boolean;
	lastReachable: boolean;
	/** What typing "ticket" into the field leaves in the list. */
	searchTicket: string[];
}

/** Opens Object's list: its entries, whether it scrolls, and whether typing filters it. */
export async function readObjectTypeList(page: Page): Promise<ObjectTypeList> {
	const input = page.locator('[data-test-id="parameter-input-objectType"]').first();
	await input.click();
	await dropdownItems(page).first().waitFor({ timeout: 10_000 });
	const entries = (await dropdownItems(page).allInnerTexts()).map((text) => text.trim());
	const wrap = page.locator('.el-select-dropdown:visible .el-scrollbar__wrap').first();
	const scrollable = await wrap
		.evaluate((element) => element.scrollHeight > element.clientHeight + 1)
		.catch(() => false);
	const last = dropdownItems(page).last();
	await last.scrollIntoViewIfNeeded().catch(() => undefined);
	const lastReachable = await last.isVisible();
	await page.keyboard.type('ticket');
	await page.waitForTimeout(500);
	const searchTicket = (await dropdownItems(page).allInnerTexts()).map((text) => text.trim());
	await closeDropdowns(page);
	return { entries, scrollable, lastReachable, searchTicket };
}

/** Picks each label in Object by typing it and clicking its entry; returns the ones the field did not then show. */
export async function pickEveryObjectType(page: Page, labels: string[]): Promise<string[]> {
	const failed: string[] = [];
	const field = page.locator('[data-test-id="parameter-input-objectType"] input').first();
	for (const label of labels) {
		try {
			await field.click();
			await page.keyboard.type(label);
			await dropdownItems(page).filter({ hasText: label }).first().waitFor({ timeout: 5_000 });
			const exact = dropdownItems(page).filter({
				has: page.locator(`span:text-is("${label}")`),
			});
			await ((await exact.count()) > 0 ? exact : dropdownItems(page).filter({ hasText: label }))
				.first()
				.click();
			await page.waitForTimeout(150);
			if ((await field.inputValue()) !== label)
				failed.push(`${label} (shows "${await field.inputValue()}")`);
		} catch (error) {
			failed.push(`${label} (${(error as Error).message.split('\n')[0]})`);
			await closeDropdowns(page);
		}
	}
	return failed;
}

/** Every combination of the events, none included. */
export const EVENT_COMBINATIONS: string[][] = [0, 1, 2, 3, 4, 5, 6, 7].map((mask) =>
	EVENTS.filter((_, index) => mask & (1 << index)),
);

export interface EventsSet {
	chosen: string[];
	/** What the field shows as chosen after the clicks. */
	shown: string[];
	/** The issues the canvas node then shows (hover text), or '' when none. */
	issue: string;
}

async function shownEvents(field: Locator): Promise<string[]> {
	const tags = await field.locator('.el-tag, .el-select__tags-text').allInnerTexts();
	return [...new Set(tags.map((text) => text.trim()).filter((text) => EVENTS.includes(text)))];
}

/** Sets Events to `chosen` by clicking entries in its list; reads what it then shows and the node's issues. */
export async function setEvents(page: Page, chosen: string[]): Promise<EventsSet> {
	const field = page.locator('[data-test-id="parameter-input-events"]').first();
	const current = await shownEvents(field);
	const toggle = EVENTS.filter((event) => current.includes(event) !== chosen.includes(event));
	if (toggle.length) {
		await field.click();
		await dropdownItems(page).first().waitFor({ timeout: 10_000 });
		for (const event of toggle) {
			await dropdownItems(page)
				.filter({ hasText: new RegExp(`^${event}`) })
				.first()
				.click();
			await page.waitForTimeout(200);
		}
		await closeDropdowns(page);
	}
	await page.waitForTimeout(300);
	const shown = await shownEvents(field);
	return { chosen, shown, issue: await executeHint(page) };
}

/**
 * What the panel's Execute step button says when it cannot run (n8n shows a field's issue icon only once the user
 * tried to run the node, and names the node's issues in this button's hover text); '' when it can run.
 */
export async function executeHint(page: Page): Promise<string> {
	const button = page.locator('[data-test-id="ndv"] [data-test-id="node-execute-button"]').first();
	await button.hover();
	await page.waitForTimeout(800);
	const tooltip = page.locator('.el-popper:visible, [role="tooltip"]:visible').last();
	const hint = (await tooltip.count()) ? (await tooltip.innerText().catch(() => '')).trim() : '';
	const disabled = await button.evaluate(
		(element) =>
			element.hasAttribute('disabled') ||
			element.getAttribute('aria-disabled') === 'true' ||
			!!element.querySelector('button[disabled]') ||
			element.className.includes('disabled'),
	);
	await page.mouse.move(0, 0);
	await page.waitForTimeout(200);
	return disabled ? hint.replace(/\s+/g, ' ') || '(disabled, no hover text)' : '';
}

/** Picks the first entry of the Connection list whose text is `label`. */
export async function pickConnection(page: Page, label: string): Promise<string> {
	await page.locator('[data-test-id="ndv"] [data-test-id="rlc-input-container"]').first().click();
	await page.getByText(label, { exact: true }).first().click({ timeout: 15_000 });
	await page.waitForTimeout(500);
	return await page
		.locator(
			'[data-test-id="ndv"] [data-test-id="rlc-input"] input, [data-test-id="ndv"] input[data-test-id="rlc-input"]',
		)
		.first()
		.inputValue();
}

/** Picks each entry of an options field in turn; returns what the field showed after each pick. */
export async function pickEach(page: Page, name: string, labels: string[]): Promise<string[]> {
	const shown: string[] = [];
	const field = page.locator(`[data-test-id="parameter-input-${name}"]`).first();
	for (const label of labels) {
		await field.click();
		await dropdownItems(page).first().waitFor({ timeout: 10_000 });
		await dropdownItems(page)
			.filter({ hasText: new RegExp(`^${label}`) })
			.first()
			.click();
		await page.waitForTimeout(300);
		shown.push(await field.locator('input').first().inputValue());
	}
	return shown;
}

export interface NoticeState {
	found: boolean;
	text: string;
	/** Clipped: the box scrolls, or it lies outside the panel. */
	cut: boolean;
	/** Contrast of its text on its background (WCAG ratio). */
	contrast: number;
}

/** The notice that starts with `start` in the open panel: shown whole, and readable (contrast). */
export async function readNotice(page: Page, start: string): Promise<NoticeState> {
	const notice = page
		.locator('[data-test-id="ndv"] .n8n-notice, [data-test-id="ndv"] [role="alert"]')
		.filter({ hasText: start })
		.first();
	if (!(await notice.count())) return { found: false, text: '', cut: true, contrast: 0 };
	await notice.scrollIntoViewIfNeeded();
	return await notice.evaluate((element) => {
		// Any CSS colour (n8n's themes use oklch / color-mix) to sRGB bytes, through a canvas.
		const canvas = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
		const rgba = (color: string) => {
			canvas.clearRect(0, 0, 1, 1);
			canvas.fillStyle = color;
			canvas.fillRect(0, 0, 1, 1);
			return [...canvas.getImageData(0, 0, 1, 1).data];
		};
		const luminance = ([r, g, b]: number[]) => {
			const [lr, lg, lb] = [r, g, b].map((value) => {
				const channel = value / 255;
				return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
			});
			return 0.2126 * lr + 0.7152 * lg + 0.0722 * lb;
		};
		let background = [255, 255, 255];
		for (let node: HTMLElement | null = element as HTMLElement; node; node = node.parentElement) {
			const color = rgba(getComputedStyle(node).backgroundColor);
			if (color[3] > 128) {
				background = color;
				break;
			}
		}
		// The notice's own text: its deepest element holding the words.
		const texts = [element, ...element.querySelectorAll<HTMLElement>('*')].filter((child) =>
			[...child.childNodes].some((node) => node.nodeType === 3 && node.textContent?.trim()),
		);
		const fore = luminance(rgba(getComputedStyle(texts[0] ?? element).color));
		const back = luminance(background);
		const contrast = (Math.max(fore, back) + 0.05) / (Math.min(fore, back) + 0.05);
		const panel = document.querySelector('[data-test-id="ndv"]')?.getBoundingClientRect();
		const box = element.getBoundingClientRect();
		const clipped = [element, ...element.querySelectorAll<HTMLElement>('*')].some(
			(child) =>
				child.scrollHeight > child.clientHeight + 1 &&
				['hidden', 'clip'].includes(getComputedStyle(child).overflowY),
		);
		const outside = panel ? box.right > panel.right + 1 || box.left < panel.left - 1 : false;
		return {
			found: true,
			text: (element as HTMLElement).innerText.trim(),
			cut: clipped || outside || /show more|read more/i.test((element as HTMLElement).innerText),
			contrast: Math.round(contrast * 10) / 10,
		};
	});
}

export interface WebhookUrls {
	test: string;
	production: string;
}

/** Opens the panel's "Webhook URLs" section and reads its Test URL and Production URL. */
export async function readWebhookUrls(page: Page): Promise<WebhookUrls> {
	const ndv = page.locator('[data-test-id="ndv"]');
	const header = ndv.getByText('Webhook URLs', { exact: true }).first();
	await header.waitFor({ timeout: 10_000 });
	await header.click();
	await page.waitForTimeout(500);
	const read = async (label: string) => {
		await ndv.getByText(label, { exact: true }).first().click();
		await page.waitForTimeout(300);
		const texts = await ndv.locator('text=/https?:\\/\\/\\S+\\/webhook/').allInnerTexts();
		return texts.map((text) => text.trim()).find((text) => /^https?:\/\//.test(text)) ?? '';
	};
	const test = await read('Test URL');
	const production = await read('Production URL');
	return { test, production };
}

/** The simulator's subscriptions that point at n8n's test URLs. */
export const testSubscriptions = (simulator: Simulator) =>
	simulator.webhooks.filter((webhook) => webhook.hook_url.includes('/webhook-test/'));

export async function waitFor<T>(
	read: () => T,
	done: (value: T) => boolean,
	timeoutMs: number,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = read();
		if (done(value) || Date.now() > deadline) return value;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}
