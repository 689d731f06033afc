import { expect, test } from './support/test';
import { HomePage } from './pages/home.page';

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

test('the global reset names what it erases, keeps Paramètres, and "Annuler" brings the data back', async ({
	page
}) => {
	const home = new HomePage(page);
	await home.goto();
	// A claim as the Indemnisations module stores it, written straight into the app's database.
	await page.evaluate(
		() =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('pilot-greenlog');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const tx = open.result.transaction(['claims', 'settings'], 'readwrite');
					tx.objectStore('claims').put({
						id: 'claim-e2e',
						date: '2026-11-27',
						tracking: '6A12345678901',
						partner: 'Boutique Éole',
						originOrder: '',
						partnerOrder: '',
						carrier: 'Colissimo',
						motif: 'Colis perdu',
						motifOther: '',
						amountCents: 1000,
						status: 'En attente',
						notes: '',
						shippingDate: null,
						incidentDate: null,
						filedDate: null,
						paidDate: null,
						createdAt: 0,
						updatedAt: 0,
						history: []
					});
					tx.objectStore('settings').put({ key: 'user.name', value: 'Camille', updatedAt: 0 });
					tx.oncomplete = () => resolve();
					tx.onerror = () => reject(tx.error);
				};
			})
	);
	await page.reload();
	await expect(home.tileSummary('indemnisations')).not.toHaveText('Aucune indemnisation');
	const before = await home.tileSummary('indemnisations').innerText();

	const dialog = await home.openGlobalReset();
	await expect(dialog).toContainText('Indemnisations : 1 indemnisation');
	await expect(dialog).not.toContainText('Paramètres :');
	await dialog.getByRole('button', { name: 'Tout effacer (1 indemnisation)' }).click();
	await expect(home.tileSummary('indemnisations')).toHaveText('Aucune indemnisation');
	const notice = page
		.getByRole('status')
		.filter({ hasText: 'Toutes les données des modules ont été effacées' });
	await expect(notice).toBeVisible();

	await notice.getByRole('button', { name: 'Annuler' }).click();
	await expect(home.tileSummary('indemnisations')).toHaveText(before);
	await page.goto('/parametres');
	await expect(page.getByLabel("Nom de l'utilisateur")).toHaveValue('Camille');
});
