import { expect, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { FIXTURES, readDownload, type ReadBack } from './carrier.page';
import { ShellPage } from './shell.page';

/** The « Traitement des Retours » page (/retours). */
export class RetoursPage extends ShellPage {
	constructor(page: Page) {
		super(page);
	}

	async goto(): Promise<void> {
		await this.page.goto('/retours');
		await expect(this.page.getByRole('heading', { name: /Module Retours Produits/ })).toBeVisible();
	}

	input() {
		return this.page.getByLabel('📄 Importer un CSV', { exact: true });
	}

	/** Uploads a fixture of tests/fixtures and waits until it is listed as stored. */
	async upload(relPath: string): Promise<void> {
		const name = relPath.split('/').pop()!;
		await this.input().setInputFiles(resolve(FIXTURES, relPath));
		await expect(this.files().filter({ hasText: name })).toBeVisible({ timeout: 30_000 });
	}

	files() {
		return this.page.getByTestId('retours-file');
	}

	kpi(label: 'Total Retours' | 'Clients' | 'Produits') {
		return this.page.getByTestId(`kpi-${label.toLowerCase().replace(/\s+/g, '-')}`);
	}

	async openTab(label: '📊 Synthèse' | '📋 Détail'): Promise<void> {
		const tab = this.page.getByRole('tab', { name: label });
		await tab.click();
		await expect(tab).toHaveAttribute('aria-selected', 'true');
	}

	count(tab: 'synthese' | 'detail') {
		return this.page.getByTestId(`count-retours-${tab}-${tab}`);
	}

	table(tab: 'synthese' | 'detail') {
		return this.page.getByTestId(`table-retours-${tab}-${tab}`);
	}

	search() {
		return this.page.getByRole('tabpanel').getByLabel('🔍 Rechercher');
	}

	clientFilter() {
		// A label wrapping its select: the accessible name also holds the chosen option ("Client Tous").
		return this.page.getByRole('tabpanel').getByRole('combobox', { name: /^Client/ });
	}

	/** "📥 Exporter" of the open tab, read back with SheetJS. */
	async exportAndRead(): Promise<ReadBack> {
		const [download] = await Promise.all([
			this.page.waitForEvent('download'),
			this.page.getByRole('button', { name: '📥 Exporter' }).click()
		]);
		return readDownload(download);
	}
}
