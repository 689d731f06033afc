import { expect, type Page } from '@playwright/test';
import { ShellPage } from './shell.page';

/** The Bibliothèque page: metrics, "Consulter par Période" and "Gérer l'Espace" tabs. */
export class BibliothequePage extends ShellPage {
	constructor(page: Page) {
		super(page);
	}

	async goto(): Promise<void> {
		await this.page.goto('/bibliotheque');
		await expect(this.page.getByRole('heading', { level: 1, name: "Bibliothèque d'Analyses" })).toBeVisible();
	}

	metric(id: 'analyses' | 'periodes' | 'transporteurs') {
		return this.page.getByTestId(`metric-${id}`);
	}

	async openTab(label: string | RegExp): Promise<void> {
		const tab = this.page.getByRole('tab', { name: label });
		await tab.click();
		await expect(tab).toHaveAttribute('aria-selected', 'true');
	}

	carrier(module: string) {
		return this.page.getByTestId(`library-carrier-${module}`);
	}

	period(period: string) {
		return this.page.getByTestId(`library-period-${period}`);
	}

	dialog() {
		return this.page.getByRole('dialog');
	}

	/** Clicks "Annuler" in the success notice that names `text`. */
	async undo(text: string | RegExp): Promise<void> {
		const notice = this.page.getByRole('status').locator('.notice').filter({ hasText: text });
		await notice.getByRole('button', { name: 'Annuler' }).click();
	}
}
