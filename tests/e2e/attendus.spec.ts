import { expect, test } from './support/test';
import AxeBuilder from '@axe-core/playwright';
import { AttendusPage } from './pages/attendus.page';

const CSV = 'tests/fixtures/attendus/attendus_received.csv';

test.describe('Attendus de Réception', () => {
	test('CSV import, manual entries with undo, exports, reload', async ({ page }) => {
		test.slow(); // Imports, five manual entries with undos, two exports read back and a reload: ~45 s alone.
		const attendus = new AttendusPage(page);
		await attendus.goto();
		await expect(attendus.kpi('Total Palettes')).toHaveText('0');
		await expect(page.getByText('ℹ️ Aucune donnée à afficher')).toBeVisible();

		// The fixture CSV: 106 lines, 13 attendus, 8 clients, 70 distinct SKUs received.
		await attendus.importCsv(CSV);
		await expect(page.getByTestId('import-result')).toContainText('106 lignes');
		await expect(page.getByTestId('attendus-files')).toContainText('attendus_received.csv');
		await expect(page.getByTestId('attendus-files')).toContainText('13 attendus');
		await expect(attendus.kpi('Nombre de Clients')).toHaveText('8');
		await expect(attendus.kpi('Total SKU')).toHaveText('70');
		await expect(attendus.synthesisRow('LA BOUTIQUE DE CAMILLE', 'ASN-LBC-120')).toContainText('176');

		// A manual entry for a numeric attendu of the CSV merges with it ("CSV + Manuel").
		await attendus.fillEntry({ client: 'ATELIER ROSEAU', attendu: '125', multi: 1, mono: 2, cartons: 5 });
		await attendus.saveEntry();
		await expect(page.getByRole('status')).toContainText('Entrée ajoutée pour ATELIER ROSEAU - 125');
		const roseau = attendus.synthesisRow('ATELIER ROSEAU', '125');
		await expect(roseau).toContainText('CSV + Manuel');
		await expect(attendus.kpi('Total Palettes')).toHaveText('3');
		await expect(attendus.kpi('Total Cartons')).toHaveText('5');

		// Undo the addition, then add it again.
		await attendus.undoLast();
		await expect(roseau).toContainText('CSV');
		await expect(roseau).not.toContainText('Manuel');
		await expect(attendus.kpi('Total Palettes')).toHaveText('0');
		await attendus.fillEntry({ client: 'ATELIER ROSEAU', attendu: '125', multi: 1, mono: 2, cartons: 5 });
		await attendus.saveEntry();
		await expect(attendus.kpi('Total Palettes')).toHaveText('3');

		// A new client typed in the form joins the list.
		await attendus.fillEntry({ client: '', newClient: 'nouveau client', attendu: 'ASN-NC-01', multi: 1 });
		await attendus.saveEntry();
		await expect(attendus.synthesisRow('NOUVEAU CLIENT', 'ASN-NC-01')).toContainText('Manuel');
		await expect(attendus.kpi('Nombre de Clients')).toHaveText('9');
		await expect(attendus.kpi('Total Palettes')).toHaveText('4');

		// Validation in French, in role="alert".
		await attendus.fillEntry({ client: 'BIVOUAK', attendu: 'ASN-0' });
		await attendus.saveEntry();
		await expect(attendus.form.getByRole('alert')).toHaveText(
			'⚠️ Au moins une quantité doit être supérieure à 0'
		);

		// Edit the ATELIER ROSEAU entry (reached from its synthesis row), undo the edit, then delete it and undo.
		await page.getByRole('button', { name: 'Voir les saisies de ATELIER ROSEAU - 125' }).click();
		await expect(attendus.tab('Saisies')).toHaveAttribute('aria-selected', 'true');
		await expect(page.getByTestId('attendus-saisies').getByRole('row')).toHaveCount(2);
		await page.getByRole('button', { name: "Modifier l'entrée ATELIER ROSEAU - 125" }).click();
		await expect(page.getByTestId('edit-banner')).toContainText('MODE MODIFICATION');
		await expect(attendus.quantity('Palettes Mono-Réf')).toHaveValue('2');
		await attendus.quantity('Palettes Mono-Réf').fill('3');
		await attendus.quantity('Cartons').fill('8');
		await attendus.saveEntry();
		await expect(page.getByRole('status')).toContainText('Entrée modifiée avec succès');
		await expect(page.getByTestId('edit-banner')).toHaveCount(0);
		await expect(attendus.kpi('Total Palettes')).toHaveText('5');
		await expect(attendus.kpi('Total Cartons')).toHaveText('8');
		await attendus.undoLast();
		await expect(attendus.kpi('Total Cartons')).toHaveText('5');
		await page.getByRole('button', { name: "Modifier l'entrée ATELIER ROSEAU - 125" }).click();
		await attendus.quantity('Palettes Mono-Réf').fill('3');
		await attendus.quantity('Cartons').fill('8');
		await attendus.saveEntry();
		await expect(attendus.kpi('Total Cartons')).toHaveText('8');

		await page.getByRole('button', { name: "Supprimer l'entrée ATELIER ROSEAU - 125" }).click();
		await expect(page.getByRole('status')).toContainText('Entrée supprimée (ATELIER ROSEAU - 125)');
		await expect(attendus.kpi('Total Cartons')).toHaveText('0');
		await attendus.undoLast();
		await expect(attendus.kpi('Total Cartons')).toHaveText('8');
		await expect(attendus.kpi('Total Palettes')).toHaveText('5');

		// Synthesis export, read back: French headers, the filtered client, its figures.
		await attendus.openTab('Synthèse');
		await attendus.filter('Filtrer par client').selectOption('ATELIER ROSEAU');
		await expect(page.getByTestId('attendus-total')).toContainText('TOTAL (ATELIER ROSEAU)');
		const synthese = await attendus.exportAndRead('📥 Exporter Synthèse en Excel');
		expect(synthese.fileName).toMatch(/^attendus_synthese_\d{8}\.xlsx$/);
		expect(synthese.sheetNames).toEqual(['Synthèse']);
		const rows = synthese.sheets['Synthèse'];
		expect(rows[0].slice(0, 7)).toEqual([
			'Client',
			'Attendu',
			'Palettes Multi',
			'Palettes Mono',
			'Cartons',
			'Nb SKU',
			'Quantité reçue'
		]);
		expect(rows.slice(1)).toEqual([
			['ATELIER ROSEAU', '125', 1, 3, 8, 9, 259, 1, 'CSV + Manuel'],
			['ATELIER ROSEAU', '134', 0, 0, 0, 2, 63, 1, 'CSV']
		]);

		// Detail export: one client and attendu, received lines only by default.
		await attendus.openTab('Détail');
		await attendus.filter('Filtrer par client').selectOption('ATELIER ROSEAU');
		await attendus.filter('Filtrer par attendu').selectOption('134');
		await expect(page.getByTestId('detail-count')).toHaveText('2 lignes affichées');
		await page.getByLabel('Afficher aussi les lignes non reçues (quantité 0)').check();
		await expect(page.getByTestId('detail-count')).toHaveText('4 lignes affichées');
		const detail = await attendus.exportAndRead('📥 Exporter Détail en Excel');
		expect(detail.fileName).toMatch(/^attendus_detail_\d{8}\.xlsx$/);
		expect(detail.sheets['Détail']).toEqual([
			['Client', 'Attendu', 'SKU', 'Quantité', 'Quantité attendue'],
			['ATELIER ROSEAU', '134', 'ATR-1295', 0, 7],
			['ATELIER ROSEAU', '134', 'ATR-1885', 0, 14],
			['ATELIER ROSEAU', '134', 'ATR-8047', 58, 1],
			['ATELIER ROSEAU', '134', 'ATR-1295', 5, 5]
		]);

		// Every section open, the client list included, for axe.
		await page.getByText('👥 Gestion des Clients Personnalisés').click();
		await page.getByText('🗑️ Danger Zone - Réinitialisation').click();
		await page.getByText('📋 Aperçu des données').click();
		await expect(page.getByTestId('attendus-clients')).toContainText('1 client personnalisé');
		const axe = await new AxeBuilder({ page }).analyze();
		const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
		expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);

		// Everything is in IndexedDB: a reload shows the same figures.
		await page.reload();
		await expect(attendus.kpi('Total Palettes')).toHaveText('5');
		await expect(attendus.kpi('Total Cartons')).toHaveText('8');
		await expect(attendus.kpi('Nombre de Clients')).toHaveText('9');
		await expect(attendus.kpi('Total SKU')).toHaveText('70');
		await expect(page.getByTestId('attendus-files')).toContainText('attendus_received.csv');
		await expect(page.getByTestId('attendus-clients')).toContainText('NOUVEAU CLIENT');

		// The home tile tells what the module holds.
		await page.goto('/');
		await expect(page.getByTestId('tile-summary-attendus')).toHaveText(
			'14 attendus · 5 palettes · 8 cartons'
		);
	});

	test('a CSV without the expected columns is refused in French, naming the file', async ({ page }) => {
		const attendus = new AttendusPage(page);
		await attendus.goto();
		await page.getByLabel('Choisir un fichier CSV').setInputFiles({
			name: 'mauvais.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from('client,ref\nA,1\n')
		});
		await expect(attendus.alerts()).toContainText('« mauvais.csv »');
		await expect(attendus.alerts()).toContainText('resellers.name');
		await expect(attendus.kpi('Nombre de Clients')).toHaveText('0');
	});
});

test.describe('Attendus de Réception — files and reset', () => {
	test('a line without SKU is listed; imported without it, it stays in the file remarks', async ({
		page
	}) => {
		const attendus = new AttendusPage(page);
		await attendus.goto();
		await page.getByLabel('Choisir un fichier CSV').setInputFiles({
			name: 'reception.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(
				'resellers.name;source_ref;supply_capsule_items.source_ref;supply_capsule_items.received_quantity\n' +
					'Bivouak;ASN-7;SKU-1;4\nBivouak;ASN-7;;2\nBivouak;ASN-7;SKU-3;abc\n;ASN-8;SKU-9;1\n'
			)
		});
		const dialog = page.getByRole('dialog', { name: 'Lignes illisibles' });
		await expect(dialog).toContainText('ligne 3 : SKU vide');
		await dialog.getByRole('button', { name: 'Importer sans ces lignes' }).click();
		await expect(page.getByTestId('import-result')).toContainText('3 lignes');
		await expect(attendus.synthesisRow('BIVOUAK', 'ASN-7')).toContainText('CSV');
		await expect(attendus.synthesisRow('NON ATTRIBUÉ', 'ASN-8')).toContainText('CSV');
		await expect(attendus.kpi('Total SKU')).toHaveText('2');
		await page.getByText('3 remarques à la lecture').click();
		await expect(page.getByTestId('attendus-files')).toContainText(
			'ligne 5 : client vide, classé « NON ATTRIBUÉ »'
		);
		await expect(page.getByTestId('attendus-files')).toContainText(
			'ligne 4 : quantité reçue illisible « abc », comptée 0'
		);
		await expect(page.getByTestId('attendus-files')).toContainText('ligne 3 ignorée');
	});

	test('« Réinitialiser tout » names what it erases, keeps the clients, and « Annuler » brings the data back', async ({
		page
	}) => {
		const attendus = new AttendusPage(page);
		await attendus.goto();
		await attendus.importCsv(CSV);
		await attendus.fillEntry({ client: '', newClient: 'Zebra Shop', attendu: 'Z-1', cartons: 4 });
		await attendus.saveEntry();
		await expect(attendus.kpi('Total Cartons')).toHaveText('4');

		await page.getByText('🗑️ Danger Zone - Réinitialisation').click();
		await page.getByRole('button', { name: '🗑️ Réinitialiser tout' }).click();
		const dialog = page.getByRole('dialog', { name: 'Réinitialiser les Attendus de Réception ?' });
		await expect(dialog).toContainText('1 fichier CSV importé');
		await expect(dialog).toContainText('1 saisie manuelle');
		await expect(dialog).toContainText('Sont conservés : 1 client personnalisé.');
		await dialog.getByRole('button', { name: 'Réinitialiser tout' }).click();
		await expect(page.getByRole('status')).toContainText('Toutes les données ont été réinitialisées');
		await expect(attendus.kpi('Total SKU')).toHaveText('0');
		await expect(attendus.kpi('Total Cartons')).toHaveText('0');
		await expect(page.getByTestId('attendus-clients')).toContainText('ZEBRA SHOP');

		await attendus.undoLast();
		await expect(attendus.kpi('Total SKU')).toHaveText('70');
		await expect(attendus.kpi('Total Cartons')).toHaveText('4');
	});
});
