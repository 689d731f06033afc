import { expect, type Download, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { read, utils } from '@e965/xlsx';
import { ShellPage } from './shell.page';

export const FIXTURES = resolve('tests/fixtures');

/** An exported workbook read back: its file name and each sheet as rows of values (header first). */
export interface ReadBack {
	fileName: string;
	sheetNames: string[];
	sheets: Record<string, unknown[][]>;
}

function slug(s: string): string {
	return s
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
}

/** Any carrier page of the shared pipeline (/dpd, /chronopost, /dhl…). */
export class CarrierPage extends ShellPage {
	constructor(
		page: Page,
		readonly id: string
	) {
		super(page);
	}

	async goto(): Promise<void> {
		await this.page.goto(`/${this.id}`);
		await expect(this.page.getByRole('heading', { name: /Import des fichiers/ })).toBeVisible();
	}

	/** Unfolds the import panel (it opens folded once files are stored) to show the stored files. */
	async openImport(): Promise<void> {
		const fold = this.page.getByTestId(`import-${this.id}`);
		if (!(await fold.evaluate((d) => (d as HTMLDetailsElement).open))) await fold.locator('summary').click();
		await expect(fold.locator('summary')).toContainText('masquer');
	}

	/** Stores the 3PL fixture workbooks through the /logisticiens page, as a user would. */
	async loadThreePL(files = ['LOG_2026_09.xlsx', 'LOG_2026_10.xlsx', 'LOG_2026_11.xlsx']): Promise<void> {
		await this.page.goto('/logisticiens');
		await this.page
			.getByLabel('Sélectionnez un ou plusieurs fichiers logisticiens')
			.setInputFiles(files.map((f) => resolve(FIXTURES, '3pl', f)));
		const save = this.page.getByRole('button', { name: `💾 Sauvegarder les fichiers (${files.length})` });
		await expect(save).toBeEnabled({ timeout: 30_000 });
		await save.click();
		await expect(this.page.getByTestId('import-results')).toContainText(files[files.length - 1], {
			timeout: 30_000
		});
	}

	/** Uploads a fixture into the slot labelled `slotLabel` and waits until it is stored. */
	async upload(slotLabel: string, relPath: string): Promise<void> {
		const name = relPath.split('/').pop()!;
		await this.page.getByLabel(slotLabel, { exact: true }).setInputFiles(resolve(FIXTURES, relPath));
		await expect(this.page.getByRole('listitem').filter({ hasText: name }).first()).toBeVisible({
			timeout: 30_000
		});
	}

	/** The page's "Rapprochement : … d'écart" line and its equation (RULINGS 21). */
	reconciliation() {
		return this.page.getByTestId('reconciliation');
	}

	kpi(label: string) {
		return this.page.getByTestId(`kpi-${slug(label)}`);
	}

	async openTab(label: string | RegExp): Promise<void> {
		const tab = this.page.getByRole('tab', { name: label });
		await tab.click();
		await expect(tab).toHaveAttribute('aria-selected', 'true');
	}

	/** The "📊 shown/total lignes" line of a table (`tab`-`table` ids). */
	count(tab: string, table: string) {
		return this.page.getByTestId(`count-${this.id}-${tab}-${table}`);
	}

	table(tab: string, table: string) {
		return this.page.getByTestId(`table-${this.id}-${tab}-${table}`);
	}

	/** Clicks an export button, saves the download and reads the workbook back with SheetJS. */
	async exportAndRead(buttonName: string | RegExp): Promise<ReadBack> {
		const [download] = await Promise.all([
			this.page.waitForEvent('download'),
			this.page.getByRole('button', { name: buttonName }).click()
		]);
		return readDownload(download);
	}
}

export async function readDownload(download: Download): Promise<ReadBack> {
	const path = await download.path();
	const workbook = read(await readFile(path), { cellDates: true });
	const sheets: Record<string, unknown[][]> = {};
	for (const name of workbook.SheetNames) {
		sheets[name] = utils.sheet_to_json(workbook.Sheets[name], { header: 1, raw: true, defval: null });
	}
	return { fileName: download.suggestedFilename(), sheetNames: workbook.SheetNames, sheets };
}
