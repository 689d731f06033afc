import { expect, test } from './support/test';
import { readFileSync } from 'node:fs';
const answers = JSON.parse(readFileSync('tests/fixtures/dhl/answers.dhl.json', 'utf8'));
import { CarrierPage } from './pages/carrier.page';

const INVOICE = 'dhl/DHL_INVOICE_PAR7494288.csv';
const SLOT = 'Sélectionnez le fichier DHL (DHLFR_TD_concatenated_*.csv)';

test.beforeEach(async ({ page }) => {
	await page.addInitScript(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
});

test('analyses the fixture CSV: KPIs, tabs, the formatted export read back, then a reset', async ({
	page
}) => {
	test.setTimeout(120_000);
	const dhl = new CarrierPage(page, 'dhl');
	await dhl.loadThreePL();
	await dhl.goto();
	await dhl.upload(SLOT, INVOICE);

	await expect(dhl.kpi('Total expéditions')).toContainText('57', { timeout: 30_000 });
	await expect(dhl.kpi('Total TTC')).toContainText('2 640,75 €');
	await expect(dhl.kpi('Trackings matchés')).toContainText('50/57');
	await expect(dhl.kpi('Surpoids')).toContainText('9 expéditions');
	await expect(dhl.kpi('Doublons')).toContainText('3 lignes');
	await expect(dhl.kpi('NON ATTRIBUÉ')).toContainText('7 lignes');
	await expect(dhl.reconciliation()).toContainText("Rapprochement : 0,00 € d'écart");
	await expect(dhl.reconciliation()).toContainText(
		'Total de « DHL_INVOICE_PAR7494288.csv » (ligne de facture I) : 2 200,68 € = lignes lues'
	);

	await expect(dhl.table('synthese', 'colonnes')).toContainText('Frais supplémentaire 1 (FUEL SURCHARGE)');
	await expect(dhl.table('synthese', 'colonnes')).toContainText('AP');

	await dhl.openTab('📋 Données Détaillées');
	await expect(dhl.count('detail', 'detail')).toContainText('57/57');
	await page.getByLabel('Afficher uniquement les trackings matchés').check();
	await expect(dhl.count('detail', 'detail')).toContainText('50/57');

	const book = await dhl.exportAndRead('📥 Télécharger Excel');
	expect(book.fileName).toMatch(/^DHL_Facturation_\d{8}\.xlsx$/);
	expect(book.sheetNames).toEqual(['Données Détaillées', 'Synthèse Colonnes', 'Rapprochement']);
	const rapprochement = book.sheets['Rapprochement'];
	expect(rapprochement.find((r) => r[0] === 'Total des lignes lues')?.slice(1)).toEqual([57, 2200.68]);
	expect(rapprochement.find((r) => r[0] === "Rapprochement : 0,00 € d'écart")?.[2]).toBe(0);
	const detail = book.sheets['Données Détaillées'];
	expect(detail[0]).toHaveLength(42);
	expect(detail.length - 1).toBe(answers.shipments);
	const ttc = detail[0].indexOf('Total_TTC');
	expect(detail.slice(1).reduce((s: number, r) => s + (r[ttc] as number), 0)).toBeCloseTo(
		answers.total_ttc,
		6
	);
	const synth = book.sheets['Synthèse Colonnes'];
	expect(synth.find((r) => r[1] === 'XC2_Montant_HT')?.slice(3, 5)).toEqual([32, 514.85]);

	await page.getByRole('button', { name: '📚 Archiver dans la Bibliothèque' }).click();
	await expect(page.getByText(/Analyse DHL archivée dans la Bibliothèque/)).toBeVisible();

	await dhl.openTab('⚠️ À contester');
	await expect(page.getByTestId('info-a-contester')).toContainText('lignes signalées');
	await page
		.getByRole('button', { name: /Créer une indemnisation pour \d{10}/ })
		.first()
		.click();
	await expect(page).toHaveURL(/\/indemnisations\?tab=ajouter&tracking=\d{10}&carrier=DHL/);
	await dhl.goto();
	await expect(dhl.kpi('Total expéditions')).toContainText('57', { timeout: 30_000 });

	await page.getByRole('button', { name: '🗑️ Réinitialiser' }).click();
	const dialog = page.getByRole('dialog');
	await dialog.getByRole('button', { name: /Effacer les fichiers DHL/ }).click();
	await expect(page.getByTestId('carrier-empty')).toBeVisible({ timeout: 30_000 });
	await expect(page.getByRole('listitem').filter({ hasText: 'DHL_INVOICE_PAR7494288.csv' })).toHaveCount(0);
});
