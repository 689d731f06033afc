import { expect, test } from './support/test';
import AxeBuilder from '@axe-core/playwright';
import { CarrierPage } from './pages/carrier.page';

/** The legacy's "Retours Colissimo" sheet, column for column. */
const DETAIL_HEADERS = [
	'Nom Partenaire',
	'N° Commande',
	'Tracking Aller',
	'Tracking Retour',
	'Date Retour',
	'Code Postal',
	'Prix HT (€)',
	'Majoration (€)',
	'Total TTC (€)',
	'Méthode Correspondance',
	// What the screen shows too, after the legacy's columns.
	'Contrôle',
	'Expédition aller'
];

const round2 = (n: number) => Math.round(n * 100) / 100;

test('Colissimo: 3PL files then the invoice give the 8R returns, KPIs and export of the ground truth', async ({
	page
}) => {
	test.setTimeout(180_000);
	await page.addInitScript(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
	const colissimo = new CarrierPage(page, 'colissimo');

	await test.step('load the 3PL library through /logisticiens', async () => {
		await colissimo.loadThreePL();
	});

	await test.step('upload the Latin-1 invoice CSV through /colissimo', async () => {
		await colissimo.goto();
		await colissimo.upload('📄 CSV Facture Colissimo', 'colissimo/FACTURE_COLISSIMO_202611.csv');
		await expect(page.getByTestId('dataset-facture')).toContainText('142 lignes');
		// The 3PL window follows the returns (12/10 → 28/11), not the outbound lines picked up in December.
		const window = page.getByRole('group', { name: /Périodes rapprochées/ });
		await expect(window).toContainText('Septembre 2026');
		await expect(window).toContainText('Novembre 2026');
		await expect(window).not.toContainText('Décembre 2026');
	});

	await test.step('KPIs', async () => {
		await expect(colissimo.kpi('Total Retours')).toContainText('42');
		await expect(colissimo.kpi('Identifiés')).toContainText('36');
		await expect(colissimo.kpi('Identifiés')).toContainText("Taux d'identification : 85,7 % - Excellent !");
		await expect(colissimo.kpi('Montant Total')).toContainText('346,26 €');
		await expect(colissimo.kpi('Méthodes')).toContainText('14 · 12 · 10');
		await expect(colissimo.kpi('Méthodes')).toContainText('CP + Date (10 à vérifier)');
		await expect(colissimo.kpi('NON ATTRIBUÉ')).toContainText('6 lignes');
		await expect(colissimo.reconciliation()).toContainText("Rapprochement : 0,00 € d'écart");
		await expect(colissimo.kpi('NON ATTRIBUÉ')).toContainText('45,84 € · 14,3 % des lignes');
		await expect(colissimo.kpi('Doublons')).toContainText('2 lignes');
		await expect(colissimo.kpi('Total à contester')).toContainText('18,72 €');
	});

	await test.step('detail and synthesis tabs, filtered like the legacy', async () => {
		await expect(colissimo.count('detail', 'retours')).toContainText('42/42');
		await expect(page.getByTestId('footer-colissimo-detail-retours')).toContainText('Total TTC 346,26 €');
		await page.getByRole('combobox', { name: 'Partenaire' }).selectOption('VELO & CO');
		await expect(colissimo.count('detail', 'retours')).toContainText('7/42');
		await expect(page.getByTestId('footer-colissimo-detail-retours')).toContainText('Total TTC 53,88 €');
		await colissimo.openTab('📊 Synthèse');
		await expect(colissimo.count('synthese', 'synthese')).toContainText('8/8');
		await expect(colissimo.table('synthese', 'methodes')).toContainText('CP + Date');
		await colissimo.openTab('❓ NON ATTRIBUÉ');
		await expect(page.getByTestId('footer-colissimo-non-attribue-unmatched')).toContainText('45,84 €');
		await colissimo.openTab('📋 Détail des Retours');
		await expect(colissimo.count('detail', 'retours')).toContainText('7/42');
	});

	await test.step('the legacy export holds the filtered returns', async () => {
		const book = await colissimo.exportAndRead('📥 Exporter en Excel');
		expect(book.fileName).toMatch(/^retours_colissimo_\d{4}-\d{2}-\d{2}\.xlsx$/);
		expect(book.sheetNames).toEqual(['Retours Colissimo']);
		const sheet = book.sheets['Retours Colissimo'];
		expect(sheet[0]).toEqual(DETAIL_HEADERS);
		expect(sheet).toHaveLength(8);
		expect(sheet.slice(1).every((r) => r[0] === 'VELO & CO')).toBe(true);
		expect(round2(sheet.slice(1).reduce((s, r) => s + Number(r[8]), 0))).toBe(53.88);
	});

	await test.step('accessibility of the result page', async () => {
		const axe = await new AxeBuilder({ page }).analyze();
		const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
		expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
	});

	await test.step('the home tile counts the 8R returns', async () => {
		await page.goto('/');
		await expect(page.getByTestId('tile-summary-colissimo')).toContainText('42 retours 8R');
	});
});
