import { expect, test } from './support/test';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
const answers = JSON.parse(readFileSync('tests/fixtures/chronopost/answers.chronopost.json', 'utf8'));
import { CarrierPage } from './pages/carrier.page';

const INVOICE = 'chronopost/2026110042_FACTURE_CHRONOPOST.xlsx';
const SLOT = 'Factures Chronopost (.xlsx)';
const sum = (rows: unknown[][], col: number) => rows.slice(1).reduce((s: number, r) => s + Number(r[col]), 0);

test.beforeEach(async ({ page }) => {
	await page.addInitScript(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
});

test('analyses the fixture invoice: KPIs, tabs, filters that survive navigation, exports read back', async ({
	page
}) => {
	test.setTimeout(120_000);
	const chrono = new CarrierPage(page, 'chronopost');
	await chrono.loadThreePL();
	await chrono.goto();
	await chrono.upload(SLOT, INVOICE);

	await expect(chrono.kpi('Total envois')).toContainText('78', { timeout: 30_000 });
	await expect(chrono.kpi('⚖️ Écarts poids/prix')).toContainText('17,34 €');
	await expect(chrono.kpi('⚖️ Écarts poids/prix')).toContainText('22 cas en votre défaveur');
	await expect(chrono.kpi('Total surplus')).toContainText('475,00 €');
	await expect(chrono.kpi('💸 TOTAL À CONTESTER')).toContainText('492,34 €');
	await expect(chrono.kpi('Doublons')).toContainText('5 lignes');
	await expect(chrono.kpi('NON ATTRIBUÉ')).toContainText('10 lignes');
	await expect(chrono.reconciliation()).toContainText("Rapprochement : 0,00 € d'écart");
	await expect(chrono.reconciliation()).toContainText(
		'Total de « 2026110042_FACTURE_CHRONOPOST.xlsx » (récapitulatif, Total HT) : 863,96 € = lignes lues'
	);

	// Synthèse: one row per partner plus NON ATTRIBUÉ; a partner filter survives leaving the page.
	await expect(chrono.count('synthese', 'synthese')).toContainText('9/9');
	await page.getByLabel('Filtrer par partenaire:').selectOption('MAISON PLUMETIS');
	await expect(chrono.count('synthese', 'synthese')).toContainText('1/9');
	await expect(chrono.table('synthese', 'synthese')).toContainText('141,38 €');
	await page.goto('/');
	await chrono.goto();
	await expect(chrono.count('synthese', 'synthese')).toContainText('1/9', { timeout: 30_000 });
	const synthese = await chrono.exportAndRead('📥 Exporter Synthèse');
	expect(synthese.fileName).toMatch(/^synthese_chronopost_\d{8}_\d{6}\.xlsx$/);
	expect(synthese.sheets['Synthèse Partenaires'].slice(1)).toEqual([
		['MAISON PLUMETIS', 3, 8.86, 9.47, 21.96, 23.34, 1.38, 140, 141.38]
	]);

	// The Surplus tab opens on the legacy pre-selection (4 types); the 2 € Traitements are a separate type.
	await chrono.openTab('💰 Surplus par Partenaire');
	await expect(chrono.count('surplus', 'surplus')).toContainText('22/38');
	await page.getByRole('checkbox', { name: 'Traitement Retour expéditeur' }).last().check();
	await expect(chrono.count('surplus', 'surplus')).toContainText('27/38');
	await expect(chrono.table('surplus', 'surplus')).toContainText('Traitement Retour expéditeur');
	const surplus = await chrono.exportAndRead('📥 Exporter Surplus');
	expect(surplus.fileName).toMatch(/^surplus_chronopost_5types_\d{8}_\d{6}\.xlsx$/);

	// The total counts all seven types by default; unticking one lowers it at once (RULINGS 8).
	const picker = page.getByTestId('chronopost-total-types');
	await picker.getByRole('checkbox', { name: 'Supplément hors norme' }).uncheck();
	await expect(chrono.kpi('💸 TOTAL À CONTESTER')).toContainText('282,34 €');
	await expect(chrono.kpi('💸 TOTAL À CONTESTER')).toContainText('6/7 types');
	await picker.getByRole('button', { name: 'Les 7 types' }).click();
	await expect(chrono.kpi('💸 TOTAL À CONTESTER')).toContainText('492,34 €');

	await chrono.openTab('📋 Détail par Commande');
	await expect(chrono.count('detail', 'detail')).toContainText('/78');
	const detail = await chrono.exportAndRead(/Exporter Détail/);
	expect(detail.fileName).toMatch(/^detail_chronopost_ecarts_defaveur_\d{8}_\d{6}\.xlsx$/);
	const rows = detail.sheets['Détail Commandes'];
	expect(rows.length - 1).toBe(answers.lines_with_positive_ecart);
	expect(sum(rows, 10)).toBeCloseTo(answers.ecarts_defaveur_total, 6);

	await chrono.openTab('🔄 Retours Expéditeur');
	await expect(page.getByTestId('info-retours')).toContainText('Retours complets : 5 (100,00 €)');
	await expect(page.getByTestId('info-retours')).toContainText('Traitements : 5 (10,00 €)');

	const book = await chrono.exportAndRead(/classeur complet/);
	expect(book.sheetNames).toEqual([
		'Synthèse Partenaires',
		'Surplus Partenaires',
		'Détail Commandes',
		'Retours Expéditeur',
		'Rapprochement'
	]);
	expect(book.sheets['Rapprochement'].map((r) => r[0])).toContain("Rapprochement : 0,00 € d'écart");
	expect(book.sheets['Surplus Partenaires'].length - 1).toBe(answers.surcharges_count);
	expect(sum(book.sheets['Surplus Partenaires'], 5)).toBeCloseTo(answers.surcharges_total, 6);
	const serious = (await new AxeBuilder({ page }).analyze()).violations.filter(
		(v) => v.impact === 'serious' || v.impact === 'critical'
	);
	expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

	await chrono.openTab('❓ NON ATTRIBUÉ');
	await expect(chrono.count('non-attribue', 'unmatched')).toContainText('10/10');
	await expect(page.getByTestId('footer-chronopost-non-attribue-unmatched')).toContainText('32,85 €');

	await chrono.openTab('📈 Coûts');
	await expect(chrono.table('couts', 'costs')).toContainText('LES SAVONS D');

	await page.getByRole('button', { name: '📚 Archiver dans la Bibliothèque' }).click();
	await expect(
		page.getByText('Analyse Chronopost archivée dans la Bibliothèque (Novembre 2026)')
	).toBeVisible();

	// A parcel billed above the grid opens a claim pre-filled with its tracking and the carrier.
	await chrono.openTab('📋 Détail par Commande');
	await page
		.getByRole('button', { name: /Créer une indemnisation pour X/ })
		.first()
		.click();
	await expect(page).toHaveURL(/\/indemnisations\?tab=ajouter&tracking=X[A-Z]\d{9}FR&carrier=Chronopost/);
});
