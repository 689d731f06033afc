import { expect, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ShellPage } from './shell.page';

export const FIXTURES = 'tests/fixtures/3pl';

/** The 3PL library page ("Import Fichier Logisticien"). */
export class LogisticiensPage extends ShellPage {
	constructor(page: Page) {
		super(page);
	}

	async goto(): Promise<void> {
		await this.page.goto('/logisticiens');
		await expect(this.page.getByRole('heading', { name: /Import Fichier Logisticien/ })).toBeVisible();
	}

	get fileInput(): Locator {
		return this.page.getByLabel('Sélectionnez un ou plusieurs fichiers logisticiens');
	}

	get dropZone(): Locator {
		return this.page.getByTestId('upload-zone-threepl-files');
	}

	get pendingRows(): Locator {
		return this.page.getByTestId('pending-row');
	}

	get saveButton(): Locator {
		return this.page.getByRole('button', { name: /Sauvegarder les fichiers/ });
	}

	get results(): Locator {
		return this.page.getByTestId('import-results');
	}

	get progress(): Locator {
		return this.page.getByTestId('progress').locator('progress');
	}

	async upload(paths: string[]): Promise<void> {
		await this.fileInput.setInputFiles(paths);
	}

	/** Drops files on the zone as a user's drag and drop does (a DataTransfer holding Files). */
	async drop(paths: string[]): Promise<void> {
		const files = paths.map((p) => ({ name: basename(p), data: [...readFileSync(p)] }));
		const transfer = await this.page.evaluateHandle((list) => {
			const dt = new DataTransfer();
			for (const f of list) dt.items.add(new File([new Uint8Array(f.data)], f.name));
			return dt;
		}, files);
		await this.dropZone.dispatchEvent('dragenter', { dataTransfer: transfer });
		await this.dropZone.dispatchEvent('drop', { dataTransfer: transfer });
	}

	pending(fileName: string): Locator {
		return this.pendingRows.filter({ has: this.page.getByRole('rowheader', { name: fileName }) });
	}

	periodInput(fileName: string): Locator {
		return this.page.getByLabel(`Période de « ${fileName} »`);
	}

	async save(): Promise<void> {
		await expect(this.saveButton).toBeEnabled();
		await this.saveButton.click();
	}

	async openTab(name: 'Ajouter Fichiers' | 'Fichiers Disponibles'): Promise<void> {
		await this.page.getByRole('tab', { name: new RegExp(name) }).click();
	}

	period(period: string): Locator {
		return this.page.getByTestId(`period-${period}`);
	}

	carrierCount(period: string, carrier: string): Locator {
		return this.period(period).getByTestId('carrier-count').filter({ hasText: carrier }).locator('td').last();
	}

	async confirm(label: RegExp): Promise<void> {
		const dialog = this.page.getByRole('dialog');
		await expect(dialog).toBeVisible();
		await dialog.getByRole('button', { name: label }).click();
		await expect(dialog).toBeHidden();
	}

	async undo(): Promise<void> {
		await this.page.getByRole('status').getByRole('button', { name: 'Annuler' }).click();
	}
}
