import { expect, test } from '@playwright/test';

test('home page lists the management tools and every carrier, with live contents', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { name: /Outils de Gestion/ })).toBeVisible();
	for (const label of [
		'Import Fichier Logisticien',
		'Sauvegarde des Analyses',
		'Traitement des Retours',
		'Indemnisations',
		'Attendus de Réception'
	]) {
		await expect(page.getByRole('link', { name: new RegExp(label) })).toBeVisible();
	}
	for (const carrier of ['DPD', 'Mondial Relay', 'Colissimo', 'Colis Privé', 'Chronopost', 'DHL']) {
		await expect(page.getByRole('link', { name: new RegExp(`^${carrier}`) })).toBeVisible();
	}
	await expect(page.getByTestId('tile-summary-indemnisations')).toHaveText('Aucune indemnisation');
	await expect(page.getByRole('heading', { name: /Sauvegarde & Restauration/ })).toBeVisible();
});
