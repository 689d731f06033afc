import { expect, test, type Locator, type Page } from './support/test';
import { CarrierPage } from './pages/carrier.page';
import { ClaimsPage } from './pages/claims.page';

/** A laptop and an iPad Pro in portrait (issue 13, items 10 and 11). */
const SIZES = [
	{ name: 'portable 1366 px', width: 1366, height: 768 },
	{ name: 'iPad portrait 1024 px', width: 1024, height: 1366 }
] as const;

/** The cell of `header` in the first body row of a table (its index read from the header row). */
async function cellOf(table: Locator, header: string): Promise<Locator> {
	return table
		.locator('tbody tr')
		.first()
		.locator('td')
		.nth(await columnIndex(table, header));
}

async function columnIndex(table: Locator, header: string): Promise<number> {
	const headers = await table.locator('thead th').allInnerTexts();
	const index = headers.findIndex((h) => h.replace(/[▲▼↕]/g, '').trim() === header);
	expect(index, `colonne « ${header} »`).toBeGreaterThanOrEqual(0);
	return index;
}

/** The cells are inside the viewport and none covers another, at every horizontal scroll of their table. */
async function expectInView(page: Page, scroller: Locator, cells: Locator[], what: string): Promise<void> {
	const width = page.viewportSize()!.width;
	const max = await scroller.evaluate((el) => el.scrollWidth - el.clientWidth);
	for (const at of [0, max / 2, max]) {
		await scroller.evaluate((el, left) => (el.scrollLeft = left), at);
		const boxes = [];
		for (const cell of cells) {
			await cell.scrollIntoViewIfNeeded();
			boxes.push((await cell.boundingBox())!);
		}
		// scrollIntoViewIfNeeded may scroll sideways too: put the table back where the step wants it.
		await scroller.evaluate((el, left) => (el.scrollLeft = left), at);
		for (const [i, cell] of cells.entries()) {
			const box = (await cell.boundingBox())!;
			expect(box.x, `${what}, cellule ${i + 1}, défilement ${at}`).toBeGreaterThanOrEqual(0);
			expect(box.x + box.width, `${what}, cellule ${i + 1}, défilement ${at}`).toBeLessThanOrEqual(
				width + 0.5
			);
			if (i > 0)
				expect(box.x, `${what} : les cellules ne se recouvrent pas`).toBeGreaterThanOrEqual(
					boxes[i - 1].x + boxes[i - 1].width - 0.5
				);
		}
	}
}

test('key totals and the partner stay in view on a laptop and an iPad, also when a table scrolls sideways', async ({
	page
}) => {
	test.setTimeout(240_000);
	const dpd = new CarrierPage(page, 'dpd');
	await dpd.loadThreePL();
	await dpd.goto();
	await dpd.upload('DPD Predict', 'dpd/DPD_PREDICT.xlsx');
	const dhl = new CarrierPage(page, 'dhl');
	await dhl.goto();
	await dhl.upload(
		'Sélectionnez le fichier DHL (DHLFR_TD_concatenated_*.csv)',
		'dhl/DHL_INVOICE_PAR7494288.csv'
	);
	const chrono = new CarrierPage(page, 'chronopost');
	await chrono.goto();
	await chrono.upload('Factures Chronopost (.xlsx)', 'chronopost/2026110042_FACTURE_CHRONOPOST.xlsx');
	const claims = new ClaimsPage(page);
	await claims.goto();
	await claims.add({
		tracking: 'XY123456789FR',
		partner: 'MAISON PLUMETIS',
		carrier: 'DPD',
		motif: 'Colis perdu',
		amount: '12,50',
		notes: 'Colis jamais livré, le client a relancé deux fois par courriel et une fois par téléphone'
	});

	const carrierTables: [CarrierPage, string | RegExp, string, string, string[]][][] = [
		[
			[dpd, '📊 Synthèse', 'synthese', 'synthese', ['Partenaire', 'Prix Total Ligne']],
			[dpd, '📋 Détail', 'detail', 'detail', ['Partenaire', 'Prix total ligne']]
		],
		[[chrono, /Synthèse/, 'synthese', 'synthese', ['Partenaire', 'Total à Contester (€)']]],
		[
			[dhl, '📊 Synthèse Colonnes', 'synthese', 'partenaires', ['Partenaire', 'Total TTC (€)']],
			[dhl, '📋 Données Détaillées', 'detail', 'detail', ['Partenaire', 'Total_TTC']]
		]
	];
	// One analysis per carrier (the page is not reloaded between sizes): the machine is shared.
	for (const tables of carrierTables) {
		await tables[0][0].goto();
		for (const size of SIZES) {
			await page.setViewportSize(size);
			for (const [carrier, tabName, tab, id, headers] of tables) {
				await expect(page.getByRole('tab', { name: tabName })).toBeVisible({ timeout: 60_000 });
				await carrier.openTab(tabName);
				const scroller = carrier.table(tab, id);
				await expect(scroller.locator('tbody tr').first()).toBeVisible();
				const table = scroller.locator('table');
				const cells = await Promise.all(headers.map((h) => cellOf(table, h)));
				await expectInView(page, scroller, cells, `${carrier.id} ${id} (${size.name})`);
			}
		}
	}

	await claims.goto();
	await claims.openTab('Consulter');
	for (const size of SIZES) {
		await page.setViewportSize(size);
		const scroller = page.getByTestId('claims-table');
		const cells = await Promise.all(
			['Partenaire', 'Montant', 'Statut'].map((h) => cellOf(scroller.locator('table'), h))
		);
		await expectInView(page, scroller, cells, `indemnisations (${size.name})`);
	}
});

test('the import panel folds once files are loaded: the KPIs are on the first screen of an iPad', async ({
	page
}) => {
	test.setTimeout(120_000);
	await page.setViewportSize({ width: 1024, height: 1366 });
	const chrono = new CarrierPage(page, 'chronopost');
	await chrono.loadThreePL();
	await chrono.goto();
	const fold = page.getByTestId('import-chronopost');
	// With nothing loaded the slots are open.
	await expect(page.getByLabel('Factures Chronopost (.xlsx)', { exact: true })).toBeVisible();
	await chrono.upload('Factures Chronopost (.xlsx)', 'chronopost/2026110042_FACTURE_CHRONOPOST.xlsx');
	await expect(chrono.kpi('💸 TOTAL À CONTESTER')).toContainText('492,34 €', { timeout: 30_000 });

	// Coming back to the page: folded, with what it holds in its summary, and the KPIs in the first screen.
	await page.goto('/');
	await chrono.goto();
	await expect(chrono.kpi('💸 TOTAL À CONTESTER')).toContainText('492,34 €', { timeout: 30_000 });
	const summary = fold.locator('summary');
	await expect(summary).toContainText('Fichiers importés (1) — afficher');
	await expect(page.getByLabel('Factures Chronopost (.xlsx)', { exact: true })).toBeHidden();
	await page.evaluate(() => window.scrollTo(0, 0));
	for (const label of ['Total envois', '💸 TOTAL À CONTESTER', 'Doublons', 'NON ATTRIBUÉ']) {
		const box = (await chrono.kpi(label).boundingBox())!;
		expect(box.y + box.height, `KPI « ${label} » dans le premier écran`).toBeLessThanOrEqual(1366);
	}

	// Unfolded on demand, to add or delete a file.
	await summary.click();
	await expect(page.getByLabel('Factures Chronopost (.xlsx)', { exact: true })).toBeVisible();
	await expect(fold.locator('summary')).toContainText('masquer');
});

test("a detail table's search finds order numbers, cities and postcodes", async ({ page }) => {
	test.setTimeout(120_000);
	const dpd = new CarrierPage(page, 'dpd');
	await dpd.loadThreePL();
	await dpd.goto();
	await dpd.upload('DPD Predict', 'dpd/DPD_PREDICT.xlsx');
	await dpd.openTab('📋 Détail');
	const table = dpd.table('detail', 'detail').locator('table');
	await expect(table.locator('tbody tr').first()).toBeVisible({ timeout: 30_000 });
	const search = page.getByLabel('🔍 Rechercher', { exact: true });
	for (const header of ['N° Commande', 'Ville destinataire', 'CP destinataire']) {
		const rows = table.locator('tbody tr');
		const index = await columnIndex(table, header);
		let value = '';
		for (let i = 0; !value; i++) value = (await rows.nth(i).locator('td').nth(index).innerText()).trim();
		await search.fill(value);
		await expect(dpd.count('detail', 'detail')).not.toContainText('📊 0/');
		const shown = await rows.count();
		expect(shown).toBeGreaterThan(0);
		for (let i = 0; i < shown; i++) await expect(rows.nth(i)).toContainText(value);
		await search.fill('');
	}

	// The À contester tab (shared by every carrier) finds a line by its 3PL order number too.
	await dpd.openTab('⚠️ À contester');
	const flags = dpd.table('a-contester', 'flags');
	const tracking = (await (await cellOf(flags.locator('table'), 'Tracking')).innerText()).trim();
	await dpd.openTab('📋 Détail');
	await search.fill(tracking);
	const order = (await (await cellOf(table, 'N° Commande')).innerText()).trim();
	expect(order).not.toBe('');
	await dpd.openTab('⚠️ À contester');
	await page.getByLabel(/Rechercher/).fill(order);
	await expect(flags.locator('tbody tr').first()).toContainText(tracking);
});
