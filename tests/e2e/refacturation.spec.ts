import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './support/test';
import type ExcelJS from 'exceljs';
import { CarrierPage } from './pages/carrier.page';
import { RefacturationPage } from './pages/refacturation.page';

const SYNTHESIS_HEADERS = [
	'Partenaire',
	'Nb_Commandes',
	'DPD',
	'Mondial_Relay',
	'Colissimo',
	'Chronopost',
	'Colis_Prive',
	'DHL',
	'TOTAL'
];
const DETAIL_HEADERS = [
	'Partenaire',
	'Num_Commande',
	'Tracking',
	'Date',
	'DPD',
	'Mondial_Relay',
	'Colissimo',
	'Chronopost',
	'Colis_Prive',
	'DHL',
	'TOTAL_A_REFACTURER'
];

const values = (sheet: ExcelJS.Worksheet, n: number) => (sheet.getRow(n).values as unknown[]).slice(1);

/** Σ of a column of the detail sheet, in cents. */
function columnCents(sheet: ExcelJS.Worksheet, column: number): number {
	let cents = 0;
	sheet.eachRow((row, n) => {
		if (n > 1) cents += Math.round(Number(row.getCell(column).value ?? 0) * 100);
	});
	return cents;
}

test.beforeEach(async ({ page }) => {
	await page.addInitScript(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
});

test('consolidates DPD, Mondial Relay and Colis Privé per partner and writes the legacy workbook', async ({
	page
}) => {
	test.setTimeout(180_000);
	const refact = new RefacturationPage(page);

	await test.step('with no invoice, the page says so and the home tile too', async () => {
		await refact.goto();
		await expect(page.getByText(/Aucune donnée disponible/)).toBeVisible();
		await expect(refact.carrierStatus('dhl')).toContainText('DHL : aucune facture importée');
		await page.goto('/');
		await expect(page.getByTestId('tile-summary-refacturation')).toHaveText(
			'Aucune facture transporteur à consolider'
		);
	});

	await test.step('the 3PL files and three carriers’ invoices, through the carrier pages', async () => {
		const dpd = new CarrierPage(page, 'dpd');
		await dpd.loadThreePL();
		await dpd.goto();
		await dpd.upload('DPD Predict', 'dpd/DPD_PREDICT.xlsx');
		await dpd.upload('DPD Classic', 'dpd/DPD_CLASSIC.xlsx');
		const mr = new CarrierPage(page, 'mondial-relay');
		await mr.goto();
		await mr.upload('📄 CSV Retours Mondial Relay', 'mondial-relay/RETOURS_MONDIAL_RELAY_202611.csv');
		const cp = new CarrierPage(page, 'colis-prive');
		await cp.goto();
		await cp.upload('Fichier CSV Colis Privé', 'colis-prive/COLIS_PRIVE_202611.csv');
		await page.goto('/');
		await expect(page.getByTestId('tile-summary-refacturation')).toContainText('3 transporteurs');
	});

	await test.step('the preview: each carrier’s amount, TOTAL GÉNÉRAL with NON ATTRIBUÉ', async () => {
		await page
			.getByRole('link', { name: /Export Refacturation/ })
			.first()
			.click();
		await refact.goto();
		await expect(refact.carrierStatus('dpd')).toContainText('150 lignes facturées · 1 461,05 € à refacturer');
		await expect(refact.carrierStatus('mondial-relay')).toContainText(
			'58 lignes facturées · 354,50 € à refacturer'
		);
		await expect(refact.carrierStatus('colis-prive')).toContainText(
			'79 lignes facturées · 52,50 € à refacturer'
		);
		await expect(refact.carrierStatus('chronopost')).toContainText('Chronopost : aucune facture importée');
		// The check each carrier page shows, here per carrier (RULINGS 21).
		for (const carrier of ['dpd', 'mondial-relay', 'colis-prive'])
			await expect(page.getByTestId(`carrier-reconciliation-${carrier}`)).toContainText(
				"Rapprochement : 0,00 € d'écart"
			);
		await expect(refact.total()).toContainText('TOTAL GÉNÉRAL : 1 868,05 € · 227 lignes · 9 partenaires');
		await expect(refact.partnerFeedback()).toContainText('Export de tous les partenaires (9 partenaires)');
		const first = refact.synthesis().getByRole('row').nth(1);
		await expect(first).toContainText("LES SAVONS D'ELISE");
		await expect(first).toContainText('348,07 €');
		await expect(refact.synthesis()).toContainText('NON ATTRIBUÉ');
	});

	await test.step('the workbook: Synthèse Partenaire then Refacturation, totals equal', async () => {
		const { fileName, workbook } = await refact.generate();
		expect(fileName).toMatch(/^Refacturation_\d{8}_\d{6}\.xlsx$/);
		expect(workbook.worksheets.map((s) => s.name)).toEqual([
			'Synthèse Partenaire',
			'Refacturation',
			'Rapprochement'
		]);
		const syn = workbook.getWorksheet('Synthèse Partenaire')!;
		expect(syn.getCell('A1').value).toBe('SYNTHÈSE REFACTURATION PAR PARTENAIRE');
		expect(String(syn.getCell('A2').value)).toMatch(
			/^Date d'export : \d\d\/\d\d\/\d{4} \d\d:\d\d · Période : /
		);
		expect(values(syn, 4)).toEqual(SYNTHESIS_HEADERS);
		expect(values(syn, 14)).toEqual(['TOTAL GÉNÉRAL', 227, 1461.05, 354.5, 0, 0, 52.5, 0, 1868.05]);
		expect(syn.getCell('C5').numFmt).toBe('#,##0.00 "€"');
		const detail = workbook.getWorksheet('Refacturation')!;
		expect(values(detail, 1)).toEqual(DETAIL_HEADERS);
		expect(detail.rowCount).toBe(228);
		expect(columnCents(detail, 5)).toBe(146_105);
		expect(columnCents(detail, 11)).toBe(186_805);
		await expect(page.getByTestId('refact-file')).toContainText(fileName);
	});

	await test.step('one month and two partners: the file is named after them', async () => {
		await refact.toggleMonth('Octobre 2026');
		await refact.toggleMonth('Décembre 2026');
		await expect(refact.total()).toContainText('TOTAL GÉNÉRAL : 1 540,45 €');
		await refact.choosePartners(['ATELIER ROSEAU', 'CAFE PIERROT']);
		await expect(refact.partnerFeedback()).toContainText(
			'2 partenaires sélectionnés : ATELIER ROSEAU, CAFE PIERROT'
		);
		const { fileName, workbook } = await refact.generate();
		expect(fileName).toMatch(/^Refacturation_ATELIER-ROSEAU_CAFE-PIERROT_\d{8}_\d{6}\.xlsx$/);
		const syn = workbook.getWorksheet('Synthèse Partenaire')!;
		expect(syn.getCell('A3').value).toBe('Filtré : ATELIER ROSEAU, CAFE PIERROT');
		expect(String(syn.getCell('A2').value)).toContain('Période : Novembre 2026');
		expect(values(syn, 5)).toEqual(SYNTHESIS_HEADERS);
		const detail = workbook.getWorksheet('Refacturation')!;
		const partners = new Set<unknown>();
		detail.eachRow((row, n) => {
			if (n > 1) partners.add(row.getCell(1).value);
		});
		expect([...partners]).toEqual(['ATELIER ROSEAU', 'CAFE PIERROT']);
		expect(values(syn, 8)[0]).toBe('TOTAL GÉNÉRAL');
		expect(Math.round(Number(syn.getCell('I8').value) * 100)).toBe(columnCents(detail, 11));
	});

	await test.step('an empty selection disables the export and says why', async () => {
		await page.getByLabel('ATELIER ROSEAU', { exact: true }).uncheck();
		await page.getByLabel('CAFE PIERROT', { exact: true }).uncheck();
		await expect(refact.partnerFeedback()).toContainText("Aucun partenaire sélectionné - l'export sera vide");
		await expect(refact.generateButton()).toBeDisabled();
	});

	await test.step('axe finds nothing serious', async () => {
		const axe = await new AxeBuilder({ page }).analyze();
		const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
		expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
	});
});
