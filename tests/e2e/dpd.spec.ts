import { expect, test } from './support/test';
import AxeBuilder from '@axe-core/playwright';
import { CarrierPage } from './pages/carrier.page';

const SYNTHESE_HEADERS = [
	'Partenaire',
	'Nb Expéditions',
	'Prix Transport',
	'Suppléments Île',
	'Nb Retours',
	'Coût Retours',
	'Taxe Fuel',
	'Taxe Sûreté',
	'Total avec Taxes',
	'Prix Total Ligne'
];

const DETAIL_HEADERS = [
	'Partenaire',
	'N° Commande',
	'DPD ID',
	'N° Colis',
	'Date expédition',
	'Nom destinataire',
	'Ville destinataire',
	'CP destinataire',
	'Pays destinataire',
	'Prix transport',
	'Supplément île',
	'Nb retours',
	'Coût retours',
	'Taxe Fuel',
	'Taxe Sûreté',
	'Total avec taxes',
	'Prix total ligne'
];

const round2 = (n: number) => Math.round(n * 100) / 100;

test('DPD: 3PL files then both invoices give the KPIs, tabs and exports of the ground truth', async ({
	page
}) => {
	test.setTimeout(180_000);
	await page.addInitScript(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
	const dpd = new CarrierPage(page, 'dpd');

	await test.step('load the 3PL library through /logisticiens', async () => {
		await dpd.loadThreePL();
	});

	await test.step('upload Predict and Classic through /dpd', async () => {
		await dpd.goto();
		await dpd.upload('DPD Predict', 'dpd/DPD_PREDICT.xlsx');
		await dpd.upload('DPD Classic', 'dpd/DPD_CLASSIC.xlsx');
	});

	await test.step('KPIs', async () => {
		await expect(dpd.kpi('Expéditions')).toContainText('150');
		await expect(dpd.kpi('Partenaires')).toContainText('9');
		await expect(dpd.kpi('Prix Total')).toContainText('1 461,05 €');
		await expect(dpd.kpi('NON ATTRIBUÉ')).toContainText('12 lignes');
		await expect(dpd.reconciliation()).toContainText("Rapprochement : 0,00 € d'écart");
		await expect(dpd.kpi('NON ATTRIBUÉ')).toContainText('91,77 € · 8,0 % des lignes');
		await expect(dpd.kpi('Doublons')).toContainText('6 lignes');
		await expect(dpd.kpi('Doublons')).toContainText('46,83 € à contester');
		await expect(page.getByText('Septembre 2026').first()).toBeVisible();
	});

	await test.step('the 3PL window is shown and changeable', async () => {
		const window = page.getByRole('group', { name: /Périodes rapprochées/ });
		await expect(window).toContainText('(automatique)');
		await window.getByRole('checkbox', { name: /Novembre 2026/ }).uncheck();
		await expect(window).toContainText('(choix manuel)');
		await expect(dpd.kpi('NON ATTRIBUÉ')).not.toContainText('12 lignes');
		await page.getByRole('button', { name: '↺ Revenir aux périodes automatiques' }).click();
		await expect(dpd.kpi('NON ATTRIBUÉ')).toContainText('12 lignes');
	});

	await test.step('tabs and filters that survive navigation', async () => {
		await expect(dpd.count('synthese', 'synthese')).toContainText('9/9');
		await expect(dpd.table('synthese', 'synthese')).toContainText('LES SAVONS');
		await dpd.openTab('📋 Détail');
		await expect(dpd.count('detail', 'detail')).toContainText('150/150');
		await page.getByLabel('Doublons uniquement').check();
		await expect(dpd.count('detail', 'detail')).toContainText('6/150');
		await page
			.getByRole('link', { name: /Accueil|pilot/i })
			.first()
			.click();
		// The SPA navigates after the click: going back before it has would leave /dpd altogether.
		await expect(page.getByRole('heading', { name: /Outils de Gestion/ })).toBeVisible();
		await page.goBack();
		await expect(page.getByRole('tab', { name: '📋 Détail' })).toHaveAttribute('aria-selected', 'true');
		await expect(dpd.count('detail', 'detail')).toContainText('6/150');
		await dpd.openTab('🏝️ Suppléments Île');
		await expect(page.getByTestId('info-supplements')).toContainText('14 expéditions avec suppléments');
		await dpd.openTab('↩️ Retours');
		await expect(page.getByTestId('info-retours')).toContainText('9 expéditions avec retours');
		await dpd.openTab('❓ NON ATTRIBUÉ');
		await expect(page.getByTestId('footer-dpd-non-attribue-unmatched')).toContainText('91,77 €');
	});

	await test.step('the four-sheet workbook holds the figures', async () => {
		const book = await dpd.exportAndRead('📥 Exporter le classeur complet (4 feuilles)');
		expect(book.fileName).toMatch(/^dpd_analyse_\d{8}\.xlsx$/);
		expect(book.sheetNames).toEqual(['Synthèse', 'Détail', 'Suppléments', 'Retours', 'Rapprochement']);
		expect(book.sheets['Rapprochement'].find((r) => r[0] === 'NON ATTRIBUÉ')?.slice(1)).toEqual([12, 91.77]);
		const synthese = book.sheets['Synthèse'];
		expect(synthese[0]).toEqual(SYNTHESE_HEADERS);
		expect(synthese).toHaveLength(10);
		expect(round2(synthese.slice(1).reduce((s, r) => s + Number(r[9]), 0))).toBe(1461.05);
		const nonAttribue = synthese.find((r) => r[0] === 'NON ATTRIBUÉ');
		expect(nonAttribue?.[1]).toBe(12);
		expect(nonAttribue?.[9]).toBe(91.77);
		expect(book.sheets['Détail'][0]).toEqual(DETAIL_HEADERS);
		expect(book.sheets['Détail']).toHaveLength(151);
		expect(book.sheets['Suppléments']).toHaveLength(15);
		expect(book.sheets['Retours']).toHaveLength(10);
	});

	await test.step('a single-sheet legacy export, filtered like the screen', async () => {
		await dpd.openTab('📋 Détail');
		const detail = await dpd.exportAndRead('📥 Exporter Détail');
		expect(detail.fileName).toMatch(/^dpd_detail_\d{8}\.xlsx$/);
		expect(detail.sheetNames).toEqual(['Détail']);
		expect(detail.sheets['Détail']).toHaveLength(7);
		expect(round2(detail.sheets['Détail'].slice(1).reduce((s, r) => s + Number(r[16]), 0))).toBe(46.83);
	});

	await test.step('accessibility of the result page', async () => {
		const axe = await new AxeBuilder({ page }).analyze();
		const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
		expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
	});

	await test.step('on a portrait tablet the two upload slots and their file cards fit the width', async () => {
		await page.setViewportSize({ width: 768, height: 1024 });
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
		await page.setViewportSize({ width: 1280, height: 720 });
	});

	await test.step('archive the analysis in the Bibliothèque under its period', async () => {
		await page.getByRole('button', { name: '📚 Archiver dans la Bibliothèque' }).click();
		await expect(page.getByText('Analyse DPD archivée dans la Bibliothèque (Novembre 2026)')).toBeVisible();
		await expect(page.getByText(/1 analyse archivée pour DPD/)).toBeVisible();
		const archive = page.getByTestId('archive-2026-11');
		await archive.getByRole('button', { name: /Ouvrir l'analyse DPD — Novembre 2026/ }).click();
		await expect(archive.getByText('1 461,05 €').first()).toBeVisible();
		await expect(archive.getByRole('table')).toContainText('LES SAVONS');
		await archive.getByRole('button', { name: /Fermer l'analyse/ }).click();
	});

	await test.step('an archived analysis is deleted after confirmation, and "Annuler" puts it back', async () => {
		await page
			.getByTestId('archive-2026-11')
			.getByRole('button', { name: /Supprimer l'analyse DPD/ })
			.click();
		await page.getByRole('dialog').getByRole('button', { name: "Supprimer l'analyse" }).click();
		await expect(page.getByTestId('archive-2026-11')).toHaveCount(0);
		await page.getByRole('status').getByRole('button', { name: 'Annuler' }).click();
		await expect(page.getByText(/Analyse « DPD — Novembre 2026.*» restaurée/)).toBeVisible();
		await expect(page.getByTestId('archive-2026-11')).toHaveCount(1);
		await expect(page.getByRole('alert')).toHaveText('');
	});

	await test.step('"Créer une indemnisation" from a duplicate opens the claim form pre-filled', async () => {
		await dpd.openTab('⚠️ À contester');
		await page
			.getByRole('button', { name: /Créer une indemnisation pour/ })
			.first()
			.click();
		await expect(page).toHaveURL(/\/indemnisations\?tab=ajouter&tracking=\d{14}&carrier=DPD/);
	});
});

test('DPD: reset asks first, names what it erases, and empties the module', async ({ page }) => {
	const dpd = new CarrierPage(page, 'dpd');
	await dpd.goto();
	await dpd.upload('DPD Classic', 'dpd/DPD_CLASSIC.xlsx');
	await expect(dpd.kpi('Expéditions')).toContainText('43');
	await expect(dpd.kpi('NON ATTRIBUÉ')).toContainText('43 lignes');
	await page.getByRole('button', { name: '🗑️ Réinitialiser' }).click();
	const dialog = page.getByRole('dialog', { name: 'Réinitialiser le module DPD' });
	await expect(dialog).toContainText('1 fichier importé de DPD (43 lignes)');
	await dialog.getByRole('button', { name: 'Effacer les fichiers DPD' }).click();
	await expect(page.getByTestId('carrier-empty')).toBeVisible({ timeout: 20_000 });
	await expect(page.getByRole('button', { name: 'Annuler' }).first()).toBeVisible();
});
