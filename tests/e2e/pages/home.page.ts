import { expect, type Page } from '@playwright/test';
import { ShellPage } from './shell.page';

export class HomePage extends ShellPage {
	constructor(page: Page) {
		super(page);
	}

	async goto(): Promise<void> {
		await this.page.goto('/');
		await this.expectLoaded();
	}

	async expectLoaded(): Promise<void> {
		await expect(this.page.getByRole('heading', { name: /Outils de Gestion/ })).toBeVisible();
		await expect(this.page.getByRole('heading', { name: /Modules Transporteurs/ })).toBeVisible();
	}

	tile(label: string | RegExp) {
		return this.page.getByRole('link', { name: label });
	}

	tileSummary(moduleId: string) {
		return this.page.getByTestId(`tile-summary-${moduleId}`);
	}

	async openGlobalReset() {
		await this.page.getByText('Zone Dangereuse - Réinitialisation').click();
		await this.page.getByRole('button', { name: /Réinitialiser toutes les données/ }).click();
		return this.page.getByRole('dialog', { name: 'Réinitialiser toutes les données ?' });
	}
}
