import { expect, test } from './support/test';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { CarrierPage } from './pages/carrier.page';

const answers = JSON.parse(readFileSync('tests/fixtures/mondial-relay/answers.mondial-relay.json', 'utf8'));
const RETURNS = 'mondial-relay/RETOURS_MONDIAL_RELAY_202611.csv';
const SLOT = '📄 CSV Retours Mondial Relay';
const round2 = (n: number) => Math.round(n * 100) / 100;

test('Mondial Relay: 3PL files then the returns CSV give the TOOPOST synthesis, detail and exports', async ({
	page
}) => {
	test.setTimeout(180_000);
	await page.addInitScript(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
	const mr = new CarrierPage(page, 'mondial-relay');

	await test.step('load the 3PL library, then upload the returns', async () => {
		await mr.loadThreePL();
		await mr.goto();
		await mr.upload(SLOT, RETURNS);
	});

	await test.step('KPIs of the ground truth', async () => {
		await expect(mr.kpi('Total Retours')).toContainText(String(answers.returns_toopost_distinct), {
			timeout: 30_000
		});
		await expect(mr.kpi('Partenaires')).toContainText('8');
		await expect(mr.kpi('Montant Total')).toContainText('354,50 €');
		await expect(mr.kpi('Montant Total')).toContainText('Base : 329,30 € + Majoration : 25,20 €');
		await expect(mr.kpi('Identifiés')).toContainText('90 %');
		await expect(mr.kpi('Identifiés')).toContainText('52/58 retours');
		await expect(mr.kpi('NON ATTRIBUÉ')).toContainText('6 lignes');
		await expect(mr.reconciliation()).toContainText("Rapprochement : 0,00 € d'écart");
		await expect(mr.kpi('Doublons')).toContainText('0 ligne');
	});

	await test.step('synthesis and detail tabs, with their filters', async () => {
		await expect(mr.count('synthese', 'synthese')).toContainText('9/9');
		await expect(page.getByTestId('info-synthese')).toContainText('3 lignes listées deux fois');
		await expect(page.getByTestId('footer-mondial-relay-synthese-synthese')).toContainText(
			'Totaux : Retours 58 · Base 329,30 € · Majoration Service 25,20 € · Total 354,50 €'
		);
		await mr.openTab('📋 Détail des Retours');
		await expect(mr.count('detail', 'detail')).toContainText('58/58');
		await page.getByLabel('Non identifiés uniquement').check();
		await expect(mr.count('detail', 'detail')).toContainText('6/58');
		await page.getByLabel('Non identifiés uniquement').uncheck();
		await page.getByRole('combobox', { name: 'Partenaire' }).selectOption('VELO & CO');
		await expect(mr.count('detail', 'detail')).toContainText('11/58');
		await expect(page.getByTestId('footer-mondial-relay-detail-detail')).toContainText('Total 72,60 €');
	});

	await test.step('the detail file: the whole synthesis, the detail as filtered', async () => {
		const book = await mr.exportAndRead('📥 Exporter Détail');
		expect(book.fileName).toMatch(/^detail_mondial_relay_\d{8}\.xlsx$/);
		expect(book.sheetNames).toEqual(['Synthèse', 'Détail']);
		const synthese = book.sheets['Synthèse'];
		expect(synthese).toHaveLength(1 + Object.keys(answers.per_partner).length);
		expect(round2(synthese.slice(1).reduce((s, r) => s + Number(r[4]), 0))).toBe(answers.montant_total);
		expect(synthese.find((r) => r[0] === 'NON ATTRIBUÉ')?.slice(1)).toEqual([6, 33.6, 1.8, 35.4]);
		const detail = book.sheets['Détail'];
		expect(detail[0]).toEqual([
			'Partenaire',
			'Tracking Retour',
			'Tracking Aller',
			'N° Colis',
			'N° Commande Origine',
			'Date PCH',
			'Poids Facturé',
			'Montant Base (€)',
			'Majoration Service (€)',
			'Montant Total (€)',
			'Statut',
			// What the screen shows too, after the legacy's columns.
			'Contrôle',
			'Correspondance'
		]);
		expect(detail).toHaveLength(1 + answers.per_partner['VELO & CO'].nb_retours);
		expect(round2(detail.slice(1).reduce((s, r) => s + Number(r[9]), 0))).toBe(
			answers.per_partner['VELO & CO'].montant_total
		);
	});

	await test.step('accessibility of the result page', async () => {
		const axe = await new AxeBuilder({ page }).analyze();
		const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
		expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
	});

	await test.step('the home tile counts the TOOPOST returns', async () => {
		await page.goto('/');
		await expect(page.getByTestId('tile-summary-mondial-relay')).toHaveText(
			'1 période · 1 fichier · 58 retours TOOPOST'
		);
		await mr.goto();
		await expect(mr.kpi('Total Retours')).toContainText('58', { timeout: 30_000 });
	});

	// The period comes from the matched outbound orders (legacy SH-2/SH-5: the pick-up dates, read month-first).
	await test.step('archive the analysis under the month of the returned orders', async () => {
		await page.getByRole('button', { name: '📚 Archiver dans la Bibliothèque' }).click();
		await expect(
			page.getByText('Analyse Mondial Relay archivée dans la Bibliothèque (Octobre 2026)')
		).toBeVisible();
	});
});
