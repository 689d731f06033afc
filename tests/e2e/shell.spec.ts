import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './support/test';
import { HomePage } from './pages/home.page';
import { ParametresPage } from './pages/parametres.page';

async function seriousViolations(page: Page) {
	const { violations } = await new AxeBuilder({ page }).analyze();
	return violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('axe finds nothing serious on the home page and Paramètres', async ({ page }) => {
	const home = new HomePage(page);
	await home.goto();
	await expect(home.tileSummary('dpd')).toHaveText('Aucun fichier');
	expect(await seriousViolations(page)).toEqual([]);

	const settings = new ParametresPage(page);
	await settings.goto();
	await expect(settings.storage()).toContainText('Espace utilisé');
	expect(await seriousViolations(page)).toEqual([]);
});

test('an unexpected error anywhere is reported in French in role="alert"', async ({ page }) => {
	const home = new HomePage(page);
	await home.goto();
	await page.evaluate(() => {
		setTimeout(() => {
			throw new Error('panne simulée');
		});
		void Promise.reject(new Error('promesse rejetée simulée'));
	});
	// A raw error's own text may be a library's English: it goes to the console, never on screen, and
	// the second error replaces the first (one message at a time).
	await expect(home.alerts()).toContainText(
		'Une erreur inattendue est survenue : détail consigné dans la console du navigateur.'
	);
	await expect(home.alerts()).not.toContainText('simulée');
});

test('Paramètres keeps the user name and shows the browser storage health', async ({ page }) => {
	const settings = new ParametresPage(page);
	await settings.goto();
	await expect(page.getByTestId('storage-usage')).toContainText(/ sur .* disponibles/);
	await settings.setUserName('Dominique Leroy');
	// The first record makes the app ask for persistent storage; the browser answers yes or no.
	await expect(page.getByTestId('storage-persisted')).toContainText(/Persistante|Non persistante/);
	await page.reload();
	await expect(settings.userNameInput()).toHaveValue('Dominique Leroy');
});

for (const viewport of [
	{ name: 'portrait tablet', width: 768, height: 1024 },
	{ name: 'laptop', width: 1366, height: 768 }
]) {
	test(`home and Paramètres fit a ${viewport.name}, with touch-sized links`, async ({ page }) => {
		await page.setViewportSize(viewport);
		const home = new HomePage(page);
		await home.goto();
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			viewport.width
		);
		for (const link of await page.getByRole('main').getByRole('link').all()) {
			const box = await link.boundingBox();
			expect(box && box.height >= 44 && box.width >= 44, await link.innerText()).toBe(true);
		}
		const settings = new ParametresPage(page);
		await settings.goto();
		await expect(settings.storage()).toBeVisible();
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			viewport.width
		);
	});
}
