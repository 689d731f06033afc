import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { ShellPage } from './shell.page';

export interface BackupFile {
	name: string;
	mimeType: string;
	buffer: Buffer;
}

/** "Sauvegarde & Restauration": tabs Sauvegarder / Restaurer, labels from the UI contract. */
export class BackupPage extends ShellPage {
	constructor(page: Page) {
		super(page);
	}

	/** Headless Chromium's picker rejects at once (RULINGS 17): remove it to drive the download path. */
	static async withoutSavePicker(page: Page): Promise<void> {
		await page.addInitScript(() => {
			delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
		});
	}

	async goto(): Promise<void> {
		await this.page.goto('/sauvegarde');
		await this.expectLoaded();
	}

	async expectLoaded(): Promise<void> {
		await expect(
			this.page.getByRole('heading', { level: 1, name: /Sauvegarde & Restauration/ })
		).toBeVisible();
	}

	tab(name: 'Sauvegarder' | 'Restaurer'): Locator {
		return this.page.getByRole('tab', { name: new RegExp(name) });
	}

	async openTab(name: 'Sauvegarder' | 'Restaurer'): Promise<void> {
		await this.tab(name).click();
		await expect(this.tab(name)).toHaveAttribute('aria-selected', 'true');
	}

	async openDiagnostic(): Promise<void> {
		await this.page.getByText('Diagnostic - Voir les données actuelles').click();
	}

	diagnosticCount(table: string): Locator {
		return this.page.getByTestId(`diag-count-${table}`);
	}

	async createBackup(): Promise<void> {
		await this.openTab('Sauvegarder');
		await this.page.getByRole('button', { name: 'Créer la sauvegarde' }).click();
		await expect(this.page.getByText('Détail de la sauvegarde')).toBeVisible({ timeout: 60_000 });
		await expect(this.page.getByTestId('backup-verified')).toContainText('Sauvegarde vérifiée');
	}

	claimsSaved(): Locator {
		return this.page.getByTestId('claims-saved');
	}

	async download(): Promise<Download> {
		const download = this.page.waitForEvent('download');
		await this.page.getByRole('button', { name: 'Télécharger la sauvegarde' }).click();
		return download;
	}

	/** Creates, downloads and returns a backup file as a user would hand it back. */
	async createAndDownload(): Promise<BackupFile> {
		await this.createBackup();
		const download = await this.download();
		return {
			name: download.suggestedFilename(),
			mimeType: 'application/zip',
			buffer: await readFile(await download.path())
		};
	}

	/** A table's records read straight from IndexedDB, to compare data exactly. */
	async dump(table: string): Promise<string> {
		return this.page.evaluate(
			(name) =>
				new Promise<string>((resolve, reject) => {
					const open = indexedDB.open('pilot-greenlog');
					open.onerror = () => reject(open.error);
					open.onsuccess = () => {
						const idb = open.result;
						const all = idb.transaction(name).objectStore(name).getAll();
						all.onsuccess = () => {
							resolve(JSON.stringify(all.result));
							idb.close();
						};
						all.onerror = () => reject(all.error);
					};
				}),
			table
		);
	}

	async dismissAlerts(): Promise<void> {
		const close = this.alerts().getByRole('button', { name: 'Fermer le message' });
		while ((await close.count()) > 0) await close.first().click();
	}

	fileInput(): Locator {
		return this.page.getByLabel('Sélectionnez votre fichier de sauvegarde (.zip)');
	}

	async chooseFile(file: string | BackupFile): Promise<void> {
		await this.openTab('Restaurer');
		await this.fileInput().setInputFiles(file);
	}

	preview(module: string): Locator {
		return this.page.getByTestId(`preview-${module}`);
	}

	async restore(): Promise<void> {
		await this.page.getByRole('button', { name: 'Restaurer les données' }).click();
		await expect(this.page.getByRole('heading', { name: /Restauration terminée/ })).toBeVisible({
			timeout: 60_000
		});
	}

	undoButton(): Locator {
		return this.page.getByRole('button', { name: 'Annuler la restauration' });
	}
}
