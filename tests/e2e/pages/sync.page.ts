import { expect, type Locator, type Page } from '@playwright/test';
import { ParametresPage } from './parametres.page';

/** Paramètres → « Synchronisation d'équipe » (labels are the contract of issue #17). */
export class SyncPage extends ParametresPage {
	constructor(page: Page) {
		super(page);
	}

	section(): Locator {
		return this.page.getByRole('region', { name: "Synchronisation d'équipe" });
	}

	status(): Locator {
		return this.section().getByRole('status');
	}

	/** The compact status in the app header. */
	headerStatus(): Locator {
		return this.page.getByRole('banner').getByRole('status');
	}

	sectionAlert(): Locator {
		return this.section().getByRole('alert');
	}

	async fill(server: string, db: string, user: string, password: string): Promise<void> {
		const s = this.section();
		await s.getByLabel('Adresse du serveur').fill(server);
		await s.getByLabel("Base de l'équipe").fill(db);
		await s.getByLabel('Identifiant').fill(user);
		await s.getByLabel('Mot de passe').fill(password);
	}

	async connect(server: string, db: string, user: string, password: string): Promise<void> {
		await this.goto();
		await this.fill(server, db, user, password);
		await this.section().getByRole('button', { name: 'Connecter' }).click();
		await expect(this.section().getByRole('button', { name: 'Déconnecter' })).toBeVisible();
		await expect(this.status()).toContainText('Synchronisé', { timeout: 30_000 });
	}

	async disconnect(): Promise<void> {
		await this.section().getByRole('button', { name: 'Déconnecter' }).click();
		await expect(this.section().getByRole('button', { name: 'Connecter' })).toBeVisible();
	}

	conflicts(): Locator {
		return this.section().getByTestId('conflict');
	}

	/**
	 * « Garder cette version » of the `index`-th version, then waits for the app to confirm it wrote the
	 * choice: a page left before then (a reload, another page) drops the unfinished write.
	 */
	async keepVersion(index: number): Promise<void> {
		await this.conflicts()
			.getByRole('button', { name: /Garder cette version/ })
			.nth(index)
			.click();
		await expect(this.page.getByRole('status').filter({ hasText: 'version gardée' })).toBeVisible({
			timeout: 30_000
		});
	}
}
