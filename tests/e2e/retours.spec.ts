import { expect, test } from './support/test';
import AxeBuilder from '@axe-core/playwright';
import { RetoursPage } from './pages/retours.page';

const FILE = 'retours/retours_export_202611.csv';

test('Retours: the WMS export gives the statistics, Synthèse and Détail, exports, and survives a reload', async ({
	page
}) => {
	test.setTimeout(180_000);
	await page.addInitScript(() => delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker);
	const retours = new RetoursPage(page);

	await test.step('empty module, then upload the export', async () => {
		await retours.goto();
		await expect(page.getByTestId('retours-empty')).toHaveText('👆 Importez vos données');
		await retours.upload(FILE);
		await expect(retours.files()).toContainText('retours_export_202611.csv (107 lignes)');
	});

	await test.step('statistics of the ground truth: distinct returns, clients, products', async () => {
		await expect(retours.kpi('Total Retours')).toContainText('55', { timeout: 30_000 });
		await expect(retours.kpi('Total Retours')).toContainText("86 lignes d'articles");
		await expect(retours.kpi('Clients')).toContainText('8');
		await expect(retours.kpi('Produits')).toContainText('127');
		await expect(page.getByTestId('retours-notes')).toContainText('pending (13 lignes)');
		await expect(page.getByTestId('retours-notes')).toContainText('Returned (4 lignes)');
		await expect(page.getByTestId('retours-notes')).toContainText('1 retour sans client');
	});

	await test.step('Synthèse: clients by returns, literal search, export of the rows shown', async () => {
		await expect(retours.count('synthese')).toHaveText('📊 9/9 lignes');
		const first = retours.table('synthese').getByRole('row').nth(1);
		await expect(first).toContainText("LES SAVONS D'ELISE");
		await expect(first).toContainText('16');
		await retours.search().fill('velo (');
		await expect(retours.count('synthese')).toHaveText('📊 0/9 lignes');
		await retours.search().fill('velo');
		await expect(retours.count('synthese')).toHaveText('📊 1/9 lignes');
		const book = await retours.exportAndRead();
		expect(book.fileName).toMatch(/^synthese_\d{8}\.xlsx$/);
		expect(book.sheetNames).toEqual(['Synthèse']);
		const rows = book.sheets['Synthèse'];
		// The legacy's 3 columns, then what the screen shows: the client's products and reasons.
		expect(rows[0]).toEqual([
			'Client',
			'Nombre de Retours',
			'Numéros de Commandes',
			'Produits Retournés',
			'Avec motif',
			'Sans motif'
		]);
		expect(rows.slice(1).map((r) => [...r.slice(0, 2), r[3]])).toEqual([['VELO & CO', 15, 34]]);
	});

	await test.step('Détail: one row per return, client filter, French dates, export', async () => {
		await retours.openTab('📋 Détail');
		await expect(retours.count('detail')).toHaveText('📊 55/55 retours');
		// 5049 was created at 23:30 UTC on the 24th: the 25th in Paris.
		await retours.search().fill('5049');
		await expect(retours.table('detail')).toContainText('25/11/2026');
		await retours.search().fill('');
		await retours.clientFilter().selectOption('NON ATTRIBUÉ');
		await expect(retours.count('detail')).toHaveText('📊 1/55 retours');
		await retours.clientFilter().selectOption('');
		const book = await retours.exportAndRead();
		expect(book.fileName).toMatch(/^detail_\d{8}\.xlsx$/);
		const rows = book.sheets['Détail'];
		expect(rows[0]).toEqual([
			'ID Retour',
			'Client',
			'N° Commande',
			'Date Création',
			'Produits Retournés',
			'Motif'
		]);
		expect(rows).toHaveLength(56);
		expect(rows.slice(1).reduce((n, r) => n + Number(r[4]), 0)).toBe(127);
	});

	await test.step('the same file again is « déjà importé »', async () => {
		await retours.input().setInputFiles(`tests/fixtures/${FILE}`);
		await expect(retours.alerts().filter({ hasText: 'déjà importé' })).toBeVisible({ timeout: 30_000 });
		await expect(retours.files()).toHaveCount(1);
	});

	await test.step('axe finds nothing serious', async () => {
		const axe = await new AxeBuilder({ page }).analyze();
		const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
		expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
	});

	await test.step('a reload keeps the file and the results, and the home tile shows them', async () => {
		await page.reload();
		await expect(retours.files()).toHaveCount(1);
		await expect(retours.kpi('Total Retours')).toContainText('55', { timeout: 30_000 });
		await page.goto('/');
		await expect(page.getByTestId('tile-summary-retours')).toHaveText(
			'1 période · 1 fichier · 55 retours · 8 clients · 127 produits'
		);
	});

	await test.step('archive in the Bibliothèque under the month of the returns', async () => {
		await retours.goto();
		await page.getByRole('button', { name: '📚 Archiver dans la Bibliothèque' }).click();
		await expect(
			page.getByText('Analyse des retours archivée dans la Bibliothèque (Novembre 2026)')
		).toBeVisible({ timeout: 30_000 });
		await expect(page.getByTestId('archive-2026-11')).toContainText('Retours — Novembre 2026');
		await page.getByRole('button', { name: /Ouvrir l'analyse Retours — Novembre 2026/ }).click();
		await expect(page.getByTestId('archive-2026-11')).toContainText('Total Retours');
	});

	await test.step('reset asks first, then empties the module and keeps the archive', async () => {
		await page.getByRole('button', { name: '🗑️ Réinitialiser' }).click();
		await page.getByRole('button', { name: 'Effacer les fichiers de retours' }).click();
		await expect(page.getByTestId('retours-empty')).toBeVisible({ timeout: 30_000 });
		await expect(page.getByRole('button', { name: 'Annuler' })).toBeVisible();
		await expect(page.getByTestId('archive-2026-11')).toBeVisible();
	});
});

const HEADER = 'id,state,resellers.name,orders.id,createdAt,returnOrderItems.quantity';
const csv = (name: string, text: string) => ({
	name,
	mimeType: 'text/csv',
	buffer: Buffer.from(text, 'utf8')
});

test('Retours: a wrong file is refused naming it and the missing column; unreadable lines are the user’s call', async ({
	page
}) => {
	const retours = new RetoursPage(page);
	await retours.goto();

	await test.step('missing createdAt: a French alert naming the file and the column, nothing stored', async () => {
		await retours
			.input()
			.setInputFiles(
				csv(
					'sans_date.csv',
					'id,state,resellers.name,orders.id,returnOrderItems.quantity\n1,returned,A,1,1\n'
				)
			);
		const alert = retours.alerts().filter({ hasText: '« sans_date.csv »' });
		await expect(alert).toContainText('createdAt', { timeout: 30_000 });
		await expect(retours.files()).toHaveCount(0);
	});

	await test.step('an unreadable quantity: the dialog names the line, the file is imported without it', async () => {
		await retours
			.input()
			.setInputFiles(
				csv(
					'une_ligne_illisible.csv',
					`${HEADER}\nR1,returned,A,1,2026-11-04T09:00:00Z,deux\nR2,returned,B,2,2026-11-05T09:00:00Z,3\n`
				)
			);
		const dialog = page.getByRole('dialog', { name: /Lignes illisibles dans « une_ligne_illisible.csv »/ });
		await expect(dialog).toContainText('ligne 2 (retour R1) : quantité illisible « deux »', {
			timeout: 30_000
		});
		await dialog.getByRole('button', { name: 'Importer sans ces lignes' }).click();
		await expect(retours.files()).toContainText('1 ligne ignorée', { timeout: 30_000 });
		await expect(retours.kpi('Total Retours')).toContainText('1');
		await expect(retours.kpi('Produits')).toContainText('3');
	});

	await test.step('a file without any « returned » line says so', async () => {
		await page.getByRole('button', { name: 'Supprimer une_ligne_illisible.csv' }).click();
		await retours
			.input()
			.setInputFiles(csv('en_attente.csv', `${HEADER}\nR9,pending,A,1,2026-11-04T09:00:00Z,1\n`));
		await expect(page.getByTestId('retours-none')).toContainText('⚠️ Aucun retour trouvé', {
			timeout: 30_000
		});
		await expect(page.getByTestId('retours-none')).toContainText('pending 1');
	});
});
