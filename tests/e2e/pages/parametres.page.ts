import { expect, type Page } from '@playwright/test';
import { ShellPage } from './shell.page';

export class ParametresPage extends ShellPage {
	constructor(page: Page) {
		super(page);
	}

	async goto(): Promise<void> {
		await this.page.goto('/parametres');
		await this.expectLoaded();
	}

	async expectLoaded(): Promise<void> {
		await expect(this.page.getByRole('heading', { level: 1, name: /Paramètres/ })).toBeVisible();
	}

	userSection() {
		return this.page.getByRole('region', { name: /Utilisateur de cet appareil/ });
	}

	userNameInput() {
		return this.userSection().getByLabel("Nom de l'utilisateur");
	}

	async setUserName(name: string): Promise<void> {
		await this.userNameInput().fill(name);
		await this.userSection().getByRole('button', { name: 'Enregistrer le nom' }).click();
		await expect(this.page.getByTestId('user-name-current')).toContainText(name);
	}

	storage() {
		return this.page.getByTestId('storage-health');
	}

	async checkForUpdate(): Promise<void> {
		await this.page.getByRole('button', { name: 'Rechercher une mise à jour' }).click();
	}
}
