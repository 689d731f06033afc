import { expect, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { ShellPage } from './shell.page';

/** The « Export Refacturation » page. */
export class RefacturationPage extends ShellPage {
	constructor(page: Page) {
		super(page);
	}

	async goto(): Promise<void> {
		await this.page.goto('/refacturation');
		await expect(
			this.page.getByRole('heading', { name: /Export Refacturation Multi-Transporteurs/ })
		).toBeVisible();
		// The carriers' analyses are done once the recompute button is back.
		await expect(this.page.getByRole('button', { name: '🔄 Recalculer depuis les factures' })).toBeVisible({
			timeout: 60_000
		});
	}

	carrierStatus(carrier: string) {
		return this.page.getByTestId(`carrier-status-${carrier}`);
	}

	total() {
		return this.page.getByTestId('refact-total');
	}

	partnerFeedback() {
		return this.page.getByTestId('partner-feedback');
	}

	synthesis() {
		return this.page.getByTestId('refact-synthesis');
	}

	generateButton() {
		return this.page.getByRole('button', { name: '📥 Générer Export Refacturation' });
	}

	async toggleMonth(label: string): Promise<void> {
		await this.page
			.getByRole('group', { name: /Périodes à refacturer/ })
			.getByLabel(label)
			.click();
	}

	async choosePartners(names: string[]): Promise<void> {
		await this.page.getByLabel('Sélection personnalisée').check();
		const group = this.page.getByRole('group', { name: 'Choisissez un ou plusieurs partenaires :' });
		for (const name of names) await group.getByLabel(name, { exact: true }).check();
	}

	/** Generates the export and reads the downloaded workbook back with ExcelJS (styles and formats too). */
	async generate(): Promise<{ fileName: string; workbook: ExcelJS.Workbook }> {
		const [download] = await Promise.all([this.page.waitForEvent('download'), this.generateButton().click()]);
		const workbook = new ExcelJS.Workbook();
		const bytes = new Uint8Array(await readFile(await download.path()));
		await workbook.xlsx.load(bytes.buffer as ArrayBuffer);
		return { fileName: download.suggestedFilename(), workbook };
	}
}
