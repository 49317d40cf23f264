import type { Page } from 'playwright-core';

/**
 * The steps of `npm run editor-check` for issue 19's panels: every Source of the trigger picked, every option of a
 * node added, the node panel's search. Each returns what it found; check.ts decides what is a problem.
 */

/** The fields each Source shows (labels as the panel prints them), and whether its Event offers only New. */
export const SOURCE_FIELDS: Record<string, { label: string; fields: string[]; newOnly: boolean }> =
	{
		hubspot: { label: 'HubSpot', fields: ['Object', 'Property Names or IDs'], newOnly: false },
		salesforce: { label: 'Salesforce', fields: ['SOQL Query', 'API Version'], newOnly: false },
		slack: { label: 'Slack', fields: ['Channel'], newOnly: true },
		custom: {
			label: 'Custom Endpoint',
			fields: ['Path', 'Records Path', 'ID Field', 'Since Parameter'],
			newOnly: false,
		},
	};

const dropdownItems = (page: Page) => page.locator('.el-select-dropdown__item:visible');

/** Opens the options list of the parameter `name` and returns its entries. */
async function openOptions(page: Page, name: string): Promise<string[]> {
	await page.locator(`[data-test-id="parameter-input-${name}"]`).first().click();
	await dropdownItems(page).first().waitFor({ timeout: 10_000 });
	return (await dropdownItems(page).allInnerTexts()).map((text) => text.split('\n')[0].trim());
}

async function choose(page: Page, name: string, label: string): Promise<void> {
	const labels = await openOptions(page, name);
	const index = labels.indexOf(label);
	if (index < 0) throw new Error(`${name} offers no "${label}" (it offers ${labels.join(', ')})`);
	await dropdownItems(page).nth(index).click();
	await page.waitForTimeout(500);
}

export interface SourcePicked {
	source: string;
	missing: string[];
	events: string[];
	shownSource: string;
}

/** In an open trigger panel: picks each Source and reads what the panel then shows. */
export async function pickEverySource(
	page: Page,
	afterPick?: (source: string) => Promise<void>,
): Promise<SourcePicked[]> {
	const picked: SourcePicked[] = [];
	for (const [source, expected] of Object.entries(SOURCE_FIELDS)) {
		await choose(page, 'source', expected.label);
		await afterPick?.(source);
		const panel = await page.locator('[data-test-id="ndv"]').innerText();
		const shownSource = await page
			.locator('[data-test-id="parameter-input-source"] input')
			.first()
			.inputValue();
		const events = await openOptions(page, 'event');
		await page.keyboard.press('Escape');
		await page.waitForTimeout(300);
		picked.push({
			source,
			shownSource,
			missing: expected.fields.filter((field) => !panel.includes(field)),
			events,
		});
	}
	return picked;
}

/** In an open node panel: adds every option "Add option" offers, one after the other. Returns their labels. */
export async function addEveryOption(page: Page): Promise<string[]> {
	const added: string[] = [];
	for (let round = 0; round < 40; round++) {
		const add = page.getByPlaceholder('Add option');
		if (!(await add.count())) break;
		await add.first().scrollIntoViewIfNeeded();
		await add.first().click();
		const items = dropdownItems(page);
		try {
			await items.first().waitFor({ timeout: 3_000 });
		} catch {
			break;
		}
		const label = (await items.first().innerText()).split('\n')[0].trim();
		await items.first().click();
		added.push(label);
		await page.waitForTimeout(300);
	}
	return added;
}

/** Opens the node panel ("+" on the canvas) and returns the entries its search shows for `query`. */
export async function searchNodes(page: Page, query: string): Promise<string[]> {
	await page.locator('[data-test-id="node-creator-plus-button"]').first().click();
	const search = page.locator('input[data-test-id="node-creator-search-bar"]');
	await search.waitFor({ timeout: 30_000 });
	await search.fill(query);
	await page.waitForTimeout(1500);
	// n8n 2.41's node panel renders each entry of a list as an item-iterator-item.
	const entries = await page.locator('[data-test-id="item-iterator-item"]').allInnerTexts();
	return entries.map((text) => text.split('\n')[0].trim()).filter(Boolean);
}
