import { expect, type Page } from '@playwright/test';

/** What every page of Pilot shares: the service worker, the notices, the update prompt. */
export class ShellPage {
	constructor(readonly page: Page) {}

	/** Waits until our service worker controls the page (first visit included: it claims clients). */
	async waitForServiceWorker(): Promise<string> {
		const handle = await this.page.waitForFunction(() => navigator.serviceWorker.controller?.scriptURL);
		return (await handle.jsonValue()) as string;
	}

	alerts() {
		return this.page.getByRole('alert');
	}

	updatePrompt() {
		return this.page.getByRole('status').filter({ hasText: 'Nouvelle version disponible' });
	}

	async expectNoUpdatePrompt(): Promise<void> {
		await expect(this.page.getByText('Nouvelle version disponible')).toHaveCount(0);
	}
}
