import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './support/test';
import { utils, write } from '@e965/xlsx';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { FIXTURES, LogisticiensPage } from './pages/logisticiens.page';

/** A 3PL workbook of 50 000 November rows, written where the test keeps its files. */
function bigWorkbook(path: string): string {
	const rows: unknown[][] = [
		[
			'Nom du partenaire',
			'Transporteur',
			'Numéro de tracking',
			"Numéro de commande d'origine",
			'Numéro de commande partenaire',
			'Date de la commande',
			"Date d'expédition",
			'Poids expédition',
			'Pays destination',
			'Code postal destination'
		]
	];
	for (let i = 0; i < 50_000; i++) {
		const day = new Date(Date.UTC(2026, 10, 1 + (i % 28)));
		rows.push([
			`PARTENAIRE ${i % 8}`,
			'DPD',
			25000000000000 + i,
			`O-${i}`,
			`P-${i}`,
			day,
			day,
			500 + (i % 3000),
			'FR',
			6000 + (i % 90) * 1000
		]);
	}
	const wb = utils.book_new();
	utils.book_append_sheet(wb, utils.aoa_to_sheet(rows, { cellDates: true }), 'Facturation préparation');
	mkdirSync(dirname(path), { recursive: true });
	writeFileSync(path, write(wb, { type: 'buffer', bookType: 'xlsx' }));
	return path;
}

const SEP = `${FIXTURES}/LOG_2026_09.xlsx`;
const OCT = `${FIXTURES}/LOG_2026_10.xlsx`;
const NOV = `${FIXTURES}/LOG_2026_11.xlsx`;

test('uploads through the input and by drag and drop, then lists periods with counts per carrier', async ({
	page
}) => {
	const lib = new LogisticiensPage(page);
	await lib.goto();

	await lib.upload([SEP, OCT]);
	await expect(lib.periodInput('LOG_2026_09.xlsx')).toHaveValue('2026-09');
	await expect(lib.periodInput('LOG_2026_10.xlsx')).toHaveValue('2026-10');
	await expect(lib.pending('LOG_2026_10.xlsx')).toContainText('367');
	await expect(lib.pending('LOG_2026_10.xlsx')).toContainText('DPD : 112');
	await lib.save();
	await expect(lib.results).toContainText('LOG_2026_09.xlsx → Septembre 2026 (335 lignes)');
	await expect(lib.results).toContainText('LOG_2026_10.xlsx → Octobre 2026 (367 lignes)');

	await lib.drop([NOV]);
	await expect(lib.periodInput('LOG_2026_11.xlsx')).toHaveValue('2026-11');
	await lib.save();
	await expect(lib.results).toContainText('LOG_2026_11.xlsx → Novembre 2026 (467 lignes)');

	// The module's data says what a user counts: rows and files, not IndexedDB chunk records.
	await expect(page.getByTestId('count-logisticiensChunks')).toHaveText('1 169 lignes');
	await expect(page.getByTestId('count-logisticiensDatasets')).toHaveText('3 fichiers');

	await lib.openTab('Fichiers Disponibles');
	await expect(page.getByTestId('library-total')).toContainText('3 fichiers disponibles · 3 périodes');
	await expect(lib.period('2026-11')).toContainText('467 lignes');
	await expect(lib.carrierCount('2026-11', 'Colissimo')).toHaveText('101');
	await expect(lib.carrierCount('2026-10', 'Chronopost')).toHaveText('66');
	await expect(lib.carrierCount('2026-09', 'Mondial Relay')).toHaveText('34');
	// Re-listed parcels (answers.json: 6) are shown with the row that wins.
	await expect(page.getByTestId('conflicts')).toContainText('6 trackings figurent dans plusieurs fichiers');
	await page.getByLabel('Rechercher un tracking ou un numéro de commande').fill('25006026295243.0');
	await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
	const found = page.getByTestId('search-results');
	await expect(found).toContainText('2 lignes trouvées');
	await expect(found.getByRole('row').nth(1)).toContainText('(retenue)');
	await expect(found.getByRole('row').nth(1)).toContainText('Novembre 2026 — LOG_2026_11.xlsx');
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: "Télécharger l'original « LOG_2026_09.xlsx »" }).click();
	expect((await download).suggestedFilename()).toBe('LOG_2026_09.xlsx');

	await page.goto('/');
	await expect(page.getByTestId('tile-summary-logisticiens')).toContainText('3 périodes');
});

test('a corrected period is kept, the same file twice is refused, a wrong file is explained', async ({
	page
}) => {
	const lib = new LogisticiensPage(page);
	await lib.goto();
	await lib.upload([NOV]);
	await lib.periodInput('LOG_2026_11.xlsx').fill('2026-12');
	await lib.save();
	await expect(lib.results).toContainText('LOG_2026_11.xlsx → Décembre 2026');
	await lib.openTab('Fichiers Disponibles');
	await lib
		.period('2026-12')
		.getByRole('button', { name: 'Changer la période de « LOG_2026_11.xlsx »' })
		.click();
	await page.getByLabel('Nouvelle période de « LOG_2026_11.xlsx »').fill('2026-11');
	await page.getByRole('button', { name: 'Enregistrer' }).click();
	await expect(lib.period('2026-11')).toContainText('467 lignes');
	await expect(lib.period('2026-12')).toHaveCount(0);
	await lib.openTab('Ajouter Fichiers');

	await lib.upload([NOV]);
	await expect(lib.pending('LOG_2026_11.xlsx').getByRole('alert')).toContainText('déjà importé');
	await expect(lib.saveButton).toBeDisabled();

	await lib.fileInput.setInputFiles({
		name: 'export.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('Colis;Poids\n123;4\n', 'utf-8')
	});
	const row = lib.pending('export.csv').getByRole('alert');
	await expect(row).toContainText('« export.csv »');
	await expect(row).toContainText('Numéro de tracking');
});

test('deletes a file and a period after confirmation, and "Annuler" brings them back', async ({ page }) => {
	const lib = new LogisticiensPage(page);
	await lib.goto();
	await lib.upload([SEP, OCT]);
	await expect(lib.pendingRows).toHaveCount(2);
	await expect(lib.periodInput('LOG_2026_10.xlsx')).toHaveValue('2026-10');
	await lib.save();
	await expect(lib.results).toContainText('Octobre 2026');
	await lib.openTab('Fichiers Disponibles');

	await lib.period('2026-09').getByRole('button', { name: 'Supprimer « LOG_2026_09.xlsx »' }).click();
	await lib.confirm(/Supprimer le fichier/);
	await expect(lib.period('2026-09')).toHaveCount(0);
	await lib.undo();
	await expect(lib.period('2026-09')).toContainText('335 lignes');

	await lib
		.period('2026-10')
		.getByRole('button', { name: /Supprimer la période/ })
		.click();
	await expect(page.getByRole('dialog')).toContainText('LOG_2026_10.xlsx');
	await lib.confirm(/Supprimer Octobre 2026/);
	await expect(lib.period('2026-10')).toHaveCount(0);
	await expect(page.getByTestId('library-total')).toContainText('1 fichier disponible');
	await lib.undo();
	await expect(lib.carrierCount('2026-10', 'DPD')).toHaveText('112');
});

test('a 50 000-row workbook imports off the page thread with a moving progress bar', async ({
	page
}, info) => {
	test.setTimeout(240_000);
	const path = bigWorkbook(info.outputPath('LOG_BIG_50000.xlsx'));

	const lib = new LogisticiensPage(page);
	await lib.goto();
	// Records every value the bar shows, from the page's own frames: they only run if the page is free.
	await page.evaluate(() => {
		const w = window as unknown as { seen: Set<number> };
		w.seen = new Set();
		const tick = () => {
			const bar = document.querySelector<HTMLProgressElement>('[data-testid="progress"] progress');
			if (bar) w.seen.add(bar.value);
			requestAnimationFrame(tick);
		};
		requestAnimationFrame(tick);
	});
	await lib.upload([path]);
	await expect(lib.progress).toBeVisible();
	// The page answers while the worker reads: another button works during the import.
	await page.getByRole('button', { name: /Format attendu/ }).click();
	await expect(page.getByTestId('format-help')).toBeVisible();
	await expect(lib.progress).toBeVisible();
	await expect(lib.periodInput('LOG_BIG_50000.xlsx')).toHaveValue('2026-11', { timeout: 180_000 });
	await expect(lib.pending('LOG_BIG_50000.xlsx')).toContainText('50 000');
	await lib.save();
	await expect(lib.results).toContainText('LOG_BIG_50000.xlsx → Novembre 2026 (50 000 lignes)', {
		timeout: 60_000
	});
	const seen = await page.evaluate(() => [...(window as unknown as { seen: Set<number> }).seen]);
	expect(new Set(seen).size).toBeGreaterThan(2);

	await lib.upload([path]);
	await expect(lib.pending('LOG_BIG_50000.xlsx').getByRole('alert')).toContainText('déjà importé', {
		timeout: 180_000
	});
});

test('"Annuler" stops reading a large file: nothing is saved', async ({ page }, info) => {
	test.setTimeout(180_000);
	const path = bigWorkbook(info.outputPath('LOG_BIG_CANCEL.xlsx'));
	const lib = new LogisticiensPage(page);
	await lib.goto();
	await lib.upload([path]);
	await expect(lib.progress).toBeVisible();
	await page.getByTestId('progress').getByRole('button', { name: 'Annuler' }).click();
	await expect(lib.results).toContainText('Lecture annulée');
	await expect(lib.pendingRows).toHaveCount(0);
	await lib.openTab('Fichiers Disponibles');
	await expect(page.getByTestId('library-empty')).toBeVisible();
});

test('a file being read or saved keeps going while the user is on another page, and shows on return', async ({
	page
}, info) => {
	test.setTimeout(240_000);
	const path = bigWorkbook(info.outputPath('LOG_BIG_AWAY.xlsx'));
	const lib = new LogisticiensPage(page);
	const away = async () => {
		await page
			.getByRole('link', { name: /Accueil|pilot by GREENLOG/ })
			.first()
			.click();
		await expect(page.getByRole('heading', { name: /Outils de Gestion/ })).toBeVisible();
		await page.getByRole('link', { name: /Import Fichier Logisticien/ }).click();
		await expect(page.getByRole('heading', { name: /Import Fichier Logisticien/ })).toBeVisible();
	};
	await lib.goto();
	await lib.upload([path]);
	await expect(lib.progress).toBeVisible();
	await away();
	// Back on the page (same document, no reload): the file is still in the queue, and its reading ends.
	await expect(lib.pending('LOG_BIG_AWAY.xlsx')).toBeVisible();
	await expect(lib.periodInput('LOG_BIG_AWAY.xlsx')).toHaveValue('2026-11', { timeout: 180_000 });
	await lib.save();
	await away();
	await expect(lib.results).toContainText('LOG_BIG_AWAY.xlsx → Novembre 2026 (50 000 lignes)', {
		timeout: 60_000
	});
	await expect(lib.pendingRows).toHaveCount(0);
});

test('axe finds nothing serious on the import review and the library', async ({ page }) => {
	const lib = new LogisticiensPage(page);
	await lib.goto();
	await lib.upload([SEP]);
	await expect(lib.periodInput('LOG_2026_09.xlsx')).toHaveValue('2026-09');
	const serious = async () =>
		(await new AxeBuilder({ page }).analyze()).violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	expect(await serious()).toEqual([]);
	await lib.save();
	await lib.openTab('Fichiers Disponibles');
	await expect(lib.period('2026-09')).toBeVisible();
	expect(await serious()).toEqual([]);
});

test('a bad line is shown with its number; the file is saved only without it, by choice', async ({
	page
}) => {
	const lib = new LogisticiensPage(page);
	await lib.goto();
	const csv =
		"Nom du partenaire;Transporteur;Numéro de tracking;Date d'expédition;Poids expédition\n" +
		'CAFE PIERROT;DPD;25010000000001;02/11/2026;1 200\n' +
		'CAFE PIERROT;DPD;25010000000002;32/11/2026;800\n' +
		'VELO & CO;DHL;1234567890;03/11/2026;500\n';
	await lib.fileInput.setInputFiles({
		name: 'export_nov.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(csv)
	});
	const row = lib.pending('export_nov.csv');
	await expect(row.getByRole('alert')).toContainText('ligne 3');
	await expect(row.getByRole('alert')).toContainText('32/11/2026');
	await expect(lib.saveButton).toBeDisabled();
	await row.getByLabel(/Importer sans ces lignes/).check();
	await lib.save();
	await expect(lib.results).toContainText('export_nov.csv → Novembre 2026 (2 lignes, 1 ligne ignorée)');
	await lib.openTab('Fichiers Disponibles');
	await lib.period('2026-11').getByText('1 ligne ignorée').first().click();
	await expect(lib.period('2026-11')).toContainText("ligne 3 : date d'expédition illisible « 32/11/2026 »");
});
