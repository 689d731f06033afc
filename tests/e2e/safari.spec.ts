import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './support/test';
import { HomePage } from './pages/home.page';
import { FIXTURES, LogisticiensPage } from './pages/logisticiens.page';

// iPadOS asks for desktop sites: it says "Macintosh", and only its touch points give it away.
const IPAD_DESKTOP_UA =
	'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';
const FIX = 'Partager → Sur l’écran d’accueil';

async function asIpad(page: Page, standalone = false): Promise<void> {
	await page.addInitScript((standalone) => {
		Object.defineProperty(Navigator.prototype, 'maxTouchPoints', { get: () => 5 });
		if (standalone) Object.defineProperty(Navigator.prototype, 'standalone', { get: () => true });
	}, standalone);
}

test.describe('on an iPad in Safari', () => {
	test.use({ userAgent: IPAD_DESKTOP_UA });

	test('home and backup page warn that Safari may erase the data, with the fix', async ({ page }) => {
		await asIpad(page);
		const home = new HomePage(page);
		await home.goto();
		const notice = page.getByTestId('safari-notice');
		await expect(notice).toContainText('Safari peut effacer vos données');
		await expect(notice).toContainText(FIX);
		await expect(notice).toContainText("téléchargez d'abord une sauvegarde");
		const axe = await new AxeBuilder({ page }).analyze();
		const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
		expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);

		await page.goto('/sauvegarde');
		await expect(page.getByTestId('safari-notice')).toContainText(FIX);
	});

	test('the first import is followed by the fix and a backup reminder', async ({ page }) => {
		await asIpad(page);
		const lib = new LogisticiensPage(page);
		await lib.goto();
		await lib.upload([`${FIXTURES}/LOG_2026_09.xlsx`]);
		await lib.save();
		await expect(page.getByRole('status').filter({ hasText: 'Vos premières données' })).toContainText(FIX);
	});

	test('opened from the Home Screen, nothing is said', async ({ page }) => {
		await asIpad(page, true);
		const home = new HomePage(page);
		await home.goto();
		await expect(page.getByTestId('last-backup')).toBeVisible();
		await expect(page.getByTestId('safari-notice')).toHaveCount(0);
	});
});

test('Chromium is not warned', async ({ page }) => {
	const home = new HomePage(page);
	await home.goto();
	await expect(page.getByTestId('last-backup')).toBeVisible();
	await expect(page.getByTestId('safari-notice')).toHaveCount(0);
	await page.goto('/sauvegarde');
	await expect(page.getByRole('heading', { name: /Instantanés automatiques/ })).toBeVisible();
	await expect(page.getByTestId('safari-notice')).toHaveCount(0);
});
