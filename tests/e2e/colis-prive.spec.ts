import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './support/test';
import { readFileSync } from 'node:fs';
import { CarrierPage } from './pages/carrier.page';

const answers = JSON.parse(readFileSync('tests/fixtures/colis-prive/answers.colis-prive.json', 'utf8'));

const INVOICE = 'colis-prive/COLIS_PRIVE_202611.csv';
const SLOT = 'Fichier CSV Colis Privé';
const CROISEMENT_HEADERS = [
	'Nom du partenaire',
	"Numéro de commande d'origine",
	'Numéro de commande partenaire',
	'Numéro de tracking',
	'Date de la commande',
	'Poids expédition (g)',
	'Poids facturé',
	'Code Postal',
	'Majoration service',
	// What the screen shows too, after the legacy's columns.
	'Contrôle'
];

test.beforeEach(async ({ page }) => {
	await page.addInitScript(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
});

test('crosses the fixture invoice with the 3PL files: KPIs, tabs, filters, the export read back', async ({
	page
}) => {
	test.setTimeout(120_000);
	const cp = new CarrierPage(page, 'colis-prive');
	await cp.loadThreePL();
	await cp.goto();
	await cp.upload(SLOT, INVOICE);

	await test.step('the legacy KPIs, with the NON ATTRIBUÉ surcharges the legacy dropped', async () => {
		await expect(cp.kpi('Total lignes croisées')).toContainText(String(answers.matched_lines), {
			timeout: 30_000
		});
		await expect(cp.kpi('Total lignes croisées')).toContainText('sur 79 lignes facturées');
		await expect(cp.kpi('Lignes avec majorations')).toContainText(String(answers.lines_with_majoration));
		await expect(cp.kpi('Total majorations')).toContainText('52,50 €');
		await expect(cp.kpi('Total majorations')).toContainText('dont 46,50 € sur les lignes croisées');
		await expect(cp.kpi('% avec majorations')).toContainText('34,2 %');
		await expect(cp.kpi('Majorations NON ATTRIBUÉ')).toContainText('6,00 €');
		await expect(cp.kpi('Surpoids')).toContainText(`${answers.overweight_lines} lignes`);
		await expect(cp.kpi('Doublons')).toContainText(`${answers.duplicate_extra_lines} lignes`);
		await expect(cp.kpi('NON ATTRIBUÉ')).toContainText(`${answers.unmatched_lines} lignes`);
		await expect(cp.reconciliation()).toContainText("Rapprochement : 0,00 € d'écart");
	});

	await test.step("📊 Vue d'ensemble: top 10 and the breakdown per partner", async () => {
		await expect(cp.count('vue', 'top')).toContainText('10/10');
		await expect(cp.count('vue', 'partenaires')).toContainText('9/9');
		const velo = cp.table('vue', 'partenaires').getByRole('row').filter({ hasText: 'VELO & CO' });
		await expect(velo).toContainText('15');
		await expect(velo).toContainText('13,50 €');
		const book = await cp.exportAndRead("📥 Exporter la vue d'ensemble");
		expect(book.sheetNames).toEqual(['Top 10 majorations', 'Majorations par partenaire', 'Rapprochement']);
		expect(book.sheets['Top 10 majorations']).toHaveLength(11);
		expect(book.sheets['Majorations par partenaire'].find((r) => r[0] === 'VELO & CO')?.slice(1)).toEqual([
			15, 13.5, 6
		]);
	});

	await test.step('⚠️ Majorations détectées, filtered by minimum amount and partner', async () => {
		await cp.openTab('⚠️ Majorations détectées');
		await expect(page.getByTestId('info-majorations')).toContainText('27 lignes avec majoration détectées');
		await expect(cp.count('majorations', 'majorations')).toContainText('27/27');
		await page.getByLabel('Majoration minimale (€):').fill('2');
		await expect(cp.count('majorations', 'majorations')).toContainText(
			`${answers.majorations_by_amount['3,00']}/27`
		);
		await page.getByLabel('Majoration minimale (€):').fill('');
		await page.getByLabel('Filtrer par partenaire:').selectOption('VELO & CO');
		await expect(cp.count('majorations', 'majorations')).toContainText('6/27');
		await expect(page.getByTestId('footer-colis-prive-majorations-majorations')).toContainText(
			'Total majorations (filtré) : 13,50 €'
		);
	});

	await test.step('📋 Détail complet and its export (the whole result, surcharges as numbers)', async () => {
		await cp.openTab('📋 Détail complet');
		await expect(cp.count('detail', 'croisement')).toContainText(`${answers.lines}/${answers.lines}`);
		await page.getByLabel('Afficher uniquement les majorations').check();
		await expect(cp.count('detail', 'croisement')).toContainText(
			`${answers.lines_with_majoration}/${answers.lines}`
		);
		const book = await cp.exportAndRead('📥 Télécharger Excel (avec majorations en rouge)');
		expect(book.fileName).toMatch(/^Croisement_Colis_Prive_\d{8}_\d{6}\.xlsx$/);
		expect(book.sheetNames).toEqual(['Croisement']);
		const rows = book.sheets.Croisement;
		expect(rows[0]).toEqual(CROISEMENT_HEADERS);
		expect(rows.length - 1).toBe(answers.lines);
		const total = rows.slice(1).reduce((s: number, r) => s + ((r[8] as number | null) ?? 0), 0);
		expect(total).toBeCloseTo(answers.majorations_total, 6);
		expect(rows.slice(1).filter((r) => r[0] === 'NON ATTRIBUÉ')).toHaveLength(answers.unmatched_lines);
	});

	await test.step('accessibility of the result page', async () => {
		const axe = await new AxeBuilder({ page }).analyze();
		const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
		expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
	});

	await test.step('archive the analysis in the Bibliothèque under its period', async () => {
		await page.getByRole('button', { name: '📚 Archiver dans la Bibliothèque' }).click();
		await expect(
			page.getByText(/Analyse Colis Privé archivée dans la Bibliothèque \(\S+ 2026\)/)
		).toBeVisible();
	});

	await test.step('a flagged line opens a claim for Colis Privé', async () => {
		await cp.openTab('⚠️ À contester');
		await page
			.getByRole('button', { name: /Créer une indemnisation pour CP\d+/ })
			.first()
			.click();
		await expect(page).toHaveURL(/\/indemnisations\?tab=ajouter&tracking=CP\d+&carrier=Colis/);
	});
});
