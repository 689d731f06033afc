import { expect, test } from './support/test';
import { BibliothequePage } from './pages/bibliotheque.page';
import { CarrierPage } from './pages/carrier.page';
import { ParametresPage } from './pages/parametres.page';
import { RetoursPage } from './pages/retours.page';

test('automatic archiving: each imported invoice archives its analysis, replacing the same period after a snapshot', async ({
	page
}) => {
	test.setTimeout(300_000);
	const settings = new ParametresPage(page);
	await settings.goto();
	const toggle = page.getByLabel('Archiver automatiquement chaque analyse');
	await expect(toggle).not.toBeChecked();
	await toggle.check();
	await expect(page.getByRole('status').filter({ hasText: 'Archivage automatique activé' })).toBeVisible();

	const dpd = new CarrierPage(page, 'dpd');
	await dpd.goto();
	await dpd.upload('DPD Predict', 'dpd/DPD_PREDICT.xlsx');
	await expect(page.getByText('1 analyse archivée pour DPD')).toBeVisible({ timeout: 120_000 });

	const library = new BibliothequePage(page);
	await library.goto();
	await expect(library.carrier('dpd')).toContainText('DPD (1 analyse)');
	await expect(library.carrier('dpd')).toContainText('Lignes : 107');

	// A second invoice of the same period: still one DPD archive for it, now of both files, after a snapshot.
	await dpd.goto();
	await dpd.upload('DPD Classic', 'dpd/DPD_CLASSIC.xlsx');
	await expect(page.getByRole('status').filter({ hasText: 'à la place de la précédente' })).toBeVisible({
		timeout: 120_000
	});
	await expect(page.getByText('1 analyse archivée pour DPD')).toBeVisible();
	await library.goto();
	await expect(library.carrier('dpd')).toContainText('DPD (1 analyse)');
	await expect(library.carrier('dpd')).toContainText('Lignes : 150');
	await expect(library.metric('analyses')).toHaveText('1');

	await page.goto('/sauvegarde');
	await expect(
		page
			.getByTestId('snapshot')
			.filter({ hasText: "Avant remplacement de l'archive « DPD — Novembre 2026 »" })
	).toHaveCount(1);
});

test('automatic archiving covers the Retours analysis too', async ({ page }) => {
	const settings = new ParametresPage(page);
	await settings.goto();
	await page.getByLabel('Archiver automatiquement chaque analyse').check();
	await expect(page.getByRole('status').filter({ hasText: 'Archivage automatique activé' })).toBeVisible();

	const retours = new RetoursPage(page);
	await retours.goto();
	await retours.upload('retours/retours_export_202611.csv');
	await expect(
		page
			.getByRole('status')
			.filter({ hasText: 'Analyse des retours archivée dans la Bibliothèque (Novembre 2026)' })
	).toBeVisible({ timeout: 60_000 });
	await expect(page.getByTestId('archive-2026-11')).toContainText('Retours — Novembre 2026');
});
