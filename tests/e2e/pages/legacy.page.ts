import { expect, type Locator, type Page } from '@playwright/test';
import { BackupPage } from './backup.page';

export const LEGACY_VERSIONS = ['1.5.3', '2.3.3', '3.0.6'] as const;

export const legacyZip = (version: string) =>
	`tests/fixtures/backup/legacy/pilot_GREENLOG_backup_20261218_174205_pandas-${version}.zip`;

/** The import of an old-app backup, in the « Restaurer » tab: preview per module, import, undo. */
export class LegacyImportPage extends BackupPage {
	constructor(page: Page) {
		super(page);
	}

	get legacyPreview(): Locator {
		return this.page.getByTestId('legacy-preview');
	}

	/** Chooses the fixture ZIP of that pandas version and waits for its preview. */
	async choose(version: string): Promise<void> {
		await this.goto();
		await this.chooseFile(legacyZip(version));
		await expect(this.legacyPreview).toBeVisible({ timeout: 60_000 });
	}

	module(id: string): Locator {
		return this.page.getByTestId(`legacy-${id}`);
	}

	/** Opens every « Détail » of the preview (and the ignored entries). */
	async openDetails(): Promise<void> {
		for (const summary of await this.legacyPreview.locator('summary').all()) await summary.click();
	}

	async importData(mode: 'Fusionner' | 'Remplacer' = 'Fusionner'): Promise<void> {
		await this.page.getByRole('radio', { name: new RegExp(`^${mode}`) }).check();
		await this.page.getByRole('button', { name: 'Importer les données' }).click();
		await expect(this.result.getByRole('heading', { name: /Import terminé/ })).toBeVisible({
			timeout: 90_000
		});
	}

	get result(): Locator {
		return this.page.getByTestId('legacy-result');
	}

	async undoImport(): Promise<void> {
		await this.openTab('Restaurer');
		await this.page.getByRole('button', { name: "Annuler l'import" }).click();
		await expect(this.page.getByRole('status').filter({ hasText: 'Import annulé' })).toBeVisible({
			timeout: 60_000
		});
	}
}
