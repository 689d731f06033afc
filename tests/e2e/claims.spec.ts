import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './support/test';
import { read, utils } from '@e965/xlsx';
import { readFileSync } from 'node:fs';
import { BackupPage } from './pages/backup.page';
import { ClaimsPage, todayInParis } from './pages/claims.page';
import { FIXTURES, LogisticiensPage } from './pages/logisticiens.page';

// A 1×1 PNG, as a phone photo would be attached.
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	'base64'
);

test('the seed claim: add, list, KPIs, edit, attach a photo, export, delete and undo, delete all', async ({
	page
}) => {
	test.slow(); // Two claims through every tab, an attachment, an export, deletions and undos: ~45 s alone.
	const claims = new ClaimsPage(page);
	await claims.goto();
	await expect(claims.tab('Ajouter')).toHaveAttribute('aria-selected', 'true');
	await expect(claims.field('Date')).toHaveValue(todayInParis());
	await expect(claims.field('Montant')).toHaveAttribute('inputmode', 'decimal');

	// The seed's test (backup-system.fr.md), with a French decimal comma.
	await claims.fill({
		tracking: 'TEST123',
		partner: 'Test',
		carrier: 'DPD',
		motif: 'Test backup',
		amount: '10,00'
	});
	await claims.submit.click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Indemnisation TEST123 de 10,00 € enregistrée' })
	).toBeVisible();
	await expect(claims.field('Tracking')).toHaveValue('');
	await expect(claims.kpi('claimed')).toContainText('10,00 €');
	await expect(claims.kpi('pending')).toContainText('10,00 €');
	await expect(claims.kpi('received')).toContainText('0,00 €');

	// A second claim with a formula-looking note, and a dot decimal; a refused one never counts as received.
	await claims.add({
		tracking: 'colis-2',
		partner: 'VELO & CO',
		carrier: 'Colissimo',
		motif: 'Colis perdu',
		amount: '5.50',
		notes: '=1+2'
	});
	await expect(claims.kpi('claimed')).toContainText('15,50 €');

	await claims.openTab('Consulter');
	await expect(claims.rows).toHaveCount(2);
	await expect(claims.row('TEST123')).toContainText('10,00 €');
	await expect(claims.row('TEST123')).toContainText('Test backup');
	await expect(claims.row('TEST123')).toContainText('DPD');

	// Edit: amount with a dot, status forward, in real date inputs.
	const editor = await claims.edit('TEST123');
	await expect(editor.getByLabel('Date', { exact: true })).toHaveAttribute('type', 'date');
	await claims.field('Montant', editor).fill('12.50');
	await claims.field('Statut', editor).selectOption('Acceptée');
	await editor.getByRole('button', { name: /Enregistrer les modifications/ }).click();
	await expect(editor).toBeHidden();
	await expect(claims.row('TEST123')).toContainText('12,50 €');
	await expect(claims.row('TEST123')).toContainText('Acceptée');

	// Refuse the second claim through the bulk action.
	await page.getByRole('checkbox', { name: 'Sélectionner COLIS-2' }).check();
	await page.getByLabel('Nouveau statut').selectOption('Refusée');
	await page.getByRole('button', { name: 'Appliquer le statut' }).click();
	await expect(claims.row('COLIS-2')).toContainText('Refusée');
	await expect(claims.kpi('refused')).toContainText('5,50 €');
	await expect(claims.kpi('received')).toContainText('0,00 €');

	// Attach a photo: a thumbnail appears, the history names the user's action.
	const again = await claims.edit('TEST123');
	await again
		.getByLabel('Joindre des photos ou des PDF')
		.setInputFiles({ name: 'colis-abime.png', mimeType: 'image/png', buffer: PNG });
	await expect(again.getByRole('img', { name: /Photo colis-abime\.png/ })).toBeVisible();
	await expect(
		again.getByRole('list').filter({ hasText: 'pièce jointe ajouté(e) : colis-abime.png' })
	).toBeVisible();
	// The checklist counts the attached file, not only the ticks.
	await expect(again.getByRole('heading', { name: /Justificatifs/ })).toContainText('1 fichier joint · 0/');
	await again.getByRole('button', { name: /Fermer/ }).click();
	await expect(claims.tableCount('claimAttachments')).toHaveText('1 justificatif');

	// Export: the legacy workbook, read back.
	await claims.openTab('Exporter');
	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: /Exporter Excel/ }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toMatch(/^Indemnisations_\d{8}_\d{8}\.xlsx$/);
	const workbook = read(readFileSync(await download.path()));
	expect(workbook.SheetNames).toEqual(['Synthèse', 'Indemnisations', 'Suivi']);
	const rows = utils.sheet_to_json<unknown[]>(workbook.Sheets['Indemnisations'], { header: 1 });
	expect(rows[0]).toEqual([
		'Date',
		'Tracking',
		'Partenaire',
		'Num_Commande_Origine',
		'Num_Commande_Partenaire',
		'Transporteur',
		'Motif',
		'Montant',
		'Statut',
		'Notes'
	]);
	const byTracking = Object.fromEntries(rows.slice(1).map((r) => [r[1], r]));
	expect(byTracking['TEST123'].slice(5, 9)).toEqual(['DPD', 'Test backup', 12.5, 'En attente']);
	expect(byTracking['COLIS-2'][8]).toBe('Refusée');
	// RULINGS 24: the note as typed, in a text cell (never a formula), without an apostrophe.
	expect(byTracking['COLIS-2'][9]).toBe('=1+2');
	const notes = workbook.Sheets['Indemnisations'][`J${rows.findIndex((r) => r[1] === 'COLIS-2') + 1}`];
	expect([notes.t, notes.f]).toEqual(['s', undefined]);
	const summary = utils.sheet_to_json<unknown[]>(workbook.Sheets['Synthèse'], { header: 1 });
	expect(summary[0][0]).toBe('SYNTHÈSE DES INDEMNISATIONS');
	expect(summary[4].slice(0, 2)).toEqual(['TOTAL GÉNÉRAL', 18]);

	// Delete and undo, then delete everything: the store stays, empty.
	await claims.openTab('Consulter');
	await claims.remove('TEST123');
	await expect(claims.row('TEST123')).toHaveCount(0);
	await expect(claims.tableCount('claimAttachments')).toHaveText('0 justificatif');
	await claims.undo();
	await expect(claims.row('TEST123')).toBeVisible();
	await expect(claims.tableCount('claimAttachments')).toHaveText('1 justificatif');

	await claims.remove('TEST123');
	await claims.remove('COLIS-2');
	await expect(page.getByText('Aucune indemnisation enregistrée')).toBeVisible();
	await expect(claims.tableCount('claims')).toHaveText('0 indemnisation');
	await expect(claims.kpi('claimed')).toContainText('0,00 €');
	// The backup's diagnostic still lists the (empty) claims table: nothing disappears with the last claim.
	const backup = new BackupPage(page);
	await backup.goto();
	await backup.openDiagnostic();
	await expect(backup.diagnosticCount('claims')).toHaveText('0');
	await claims.goto('?tab=gerer');

	// Still working after the last deletion.
	await claims.add({ tracking: 'APRES', carrier: 'DHL', motif: 'Retard de livraison', amount: '1' });
	await expect(claims.tableCount('claims')).toHaveText('1 indemnisation');

	// The exported workbook imports back (the legacy's migration path); twice adds nothing more.
	await claims.openTab('Exporter');
	const workbookFile = {
		name: download.suggestedFilename(),
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: readFileSync(await download.path())
	};
	await page.getByLabel('Classeur à importer (.xlsx)').setInputFiles(workbookFile);
	await expect(page.getByRole('status').filter({ hasText: '2 indemnisations importées' })).toBeVisible();
	await page.getByLabel('Classeur à importer (.xlsx)').setInputFiles(workbookFile);
	await expect(page.getByRole('status').filter({ hasText: '2 déjà présentes ignorées' })).toBeVisible();
	await expect(claims.tableCount('claims')).toHaveText('3 indemnisations');
	await expect(claims.kpi('refused')).toContainText('5,50 €');
	await page.goto('/');
	await expect(page.getByTestId('tile-summary-indemnisations')).toHaveText('2 indemnisations en attente');
});

test('French validation, duplicate warning, prefill from an anomaly', async ({ page }) => {
	const claims = new ClaimsPage(page);
	await claims.goto();
	// The label contract (RULINGS 14): Playwright's default substring match finds exactly one field per word.
	for (const word of ['Date', 'Tracking', 'Partenaire', 'Transporteur', 'Motif', 'Montant']) {
		await expect(page.getByLabel(word)).toHaveCount(1);
	}
	await claims.field('Montant').fill('0');
	await claims.submit.click();
	const alert = page.getByRole('alert').filter({ hasText: 'Corrigez' });
	await expect(alert).toContainText('Saisissez le numéro de tracking du colis.');
	await expect(alert).toContainText('Le montant doit être supérieur à 0.');
	await expect(claims.field('Tracking')).toBeFocused();

	await claims.add({ tracking: 'DUP1', carrier: 'DPD', motif: 'Colis perdu', amount: '3' });
	await claims.field('Tracking').fill('dup1');
	const warning = page.getByText(/Ce tracking fait déjà l'objet/);
	await expect(warning).toBeVisible();
	await warning.getByRole('link').click();
	await expect(claims.editor).toContainText('Indemnisation DUP1');
	const inEditor = await new AxeBuilder({ page }).include('dialog').analyze();
	expect(
		inEditor.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)
	).toEqual([]);
	await claims.editor.getByRole('button', { name: /Fermer/ }).click();

	// openClaimFromAnomaly() navigates to this URL.
	await claims.goto(
		'?tab=ajouter&tracking=25000057139690&carrier=DPD&partner=TERRE%20DE%20LIN&amountCents=1234&motif=Erreur%20de%20facturation'
	);
	await expect(claims.field('Tracking')).toHaveValue('25000057139690');
	await expect(claims.field('Montant')).toHaveValue('12,34');
	await expect(claims.field('Motif')).toHaveValue('Erreur de facturation');
	await expect(claims.field('Partenaire')).toHaveValue('TERRE DE LIN');
});

test('keyboard tabs, and no serious axe finding on any tab', async ({ page }) => {
	test.slow(); // axe runs five times
	const claims = new ClaimsPage(page);
	await claims.goto();
	await claims.add({ tracking: 'AXE1', carrier: 'DPD', motif: 'Colis perdu', amount: '3' });
	await claims.tab('Ajouter').focus();
	await page.keyboard.press('ArrowRight');
	await expect(claims.tab('Consulter')).toBeFocused();
	await expect(claims.tab('Consulter')).toHaveAttribute('aria-selected', 'true');
	await expect(page.getByRole('tabpanel')).toHaveAttribute('aria-labelledby', 'tab-gerer');

	for (const name of ['Ajouter', 'Consulter', 'Statistiques', 'Délais', 'Exporter'] as const) {
		await claims.openTab(name);
		const results = await new AxeBuilder({ page }).analyze();
		const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
		expect(serious.map((v) => `${name}: ${v.id} ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
	}
	await claims.openTab('Statistiques');
	await expect(page.getByRole('img', { name: /Par transporteur/ })).toBeVisible();
	await expect(page.getByRole('table').filter({ hasText: 'Réclamé' }).first()).toContainText('DPD');
});

test('typing a tracking fills partner, orders, carrier and shipping date from the 3PL file', async ({
	page
}) => {
	const lib = new LogisticiensPage(page);
	await lib.goto();
	await lib.upload([`${FIXTURES}/LOG_2026_09.xlsx`]);
	await expect(lib.periodInput('LOG_2026_09.xlsx')).toHaveValue('2026-09');
	await lib.save();
	await expect(lib.results).toContainText('LOG_2026_09.xlsx');

	const claims = new ClaimsPage(page);
	await claims.goto();
	await claims.field('Tracking').fill('25000057139690');
	await expect(claims.field('Partenaire')).toHaveValue('TERRE DE LIN');
	await expect(claims.field('N° commande origine')).toHaveValue('TDL-30953');
	await expect(claims.field('N° commande client')).toHaveValue('TD172228');
	await expect(claims.field('Transporteur')).toHaveValue('DPD');
	await expect(page.getByText(/Trouvé dans LOG_2026_09\.xlsx/)).toBeVisible();
	await expect(claims.field('Expédié le')).not.toHaveValue('');

	// Editable; the claim is saved with what the user corrected.
	await claims.field('Transporteur').fill('Colissimo');
	await expect(page.getByText(/Échéance de réclamation :/)).toContainText('Colissimo, 30 jours');
	await claims.field('Motif').fill('Colis endommagé');
	await claims.field('Montant').fill('42');
	await claims.submit.click();
	await claims.openTab('Consulter');
	await expect(claims.row('25000057139690')).toContainText('TERRE DE LIN');
	await expect(claims.row('25000057139690')).toContainText('Colissimo');
	await expect(claims.row('25000057139690')).toContainText('hors délai');

	// The workbook's "Date d'expédition" is Excel serial 46280, i.e. 15/09/2026; due = + 30 days (Colissimo).
	const editor = await claims.edit('25000057139690');
	await expect(claims.field('Expédié le', editor)).toHaveValue('2026-09-15');
	await expect(editor).toContainText('Échéance : 15/10/2026');
});

test('deadlines edited in Paramètres drive due dates; Réinitialiser names what it erases and can be undone', async ({
	page
}) => {
	await page.goto('/parametres');
	const dpdWindow = page.getByLabel('Délai en jours — DPD');
	await expect(dpdWindow).toHaveValue('30');
	await dpdWindow.fill('45');
	await page.getByRole('button', { name: /Enregistrer les délais/ }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Délais de réclamation enregistrés' })
	).toBeVisible();
	const settingsAxe = await new AxeBuilder({ page })
		.include('[aria-labelledby="deadlines-settings-title"]')
		.analyze();
	expect(
		settingsAxe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)
	).toEqual([]);

	const claims = new ClaimsPage(page);
	await claims.goto();
	await claims.fill({ tracking: 'LATE1', carrier: 'DPD', motif: 'Colis perdu', amount: '20' });
	await claims.field('Statut').selectOption('À constituer');
	await claims.field('Expédié le').fill('2026-01-10');
	await expect(page.getByText(/Échéance de réclamation :/)).toContainText('24/02/2026');
	await expect(page.getByText(/Échéance de réclamation :/)).toContainText('DPD, 45 jours');
	await claims.submit.click();
	await claims.add({ tracking: 'KEEP2', carrier: 'DHL', motif: 'Spoliation', amount: '7,5' });
	await claims.openTab('Délais');
	await expect(page.getByRole('row', { name: /LATE1/ })).toContainText('24/02/2026');
	await expect(page.getByRole('row', { name: /^DPD/ })).toContainText('45 j');
	// Filing LATE1 after its due date makes it "hors délai"; a follow-up is recorded in its history.
	await claims.openTab('Consulter');
	const late = await claims.edit('LATE1');
	await claims.field('Statut', late).selectOption('En attente');
	await late.getByRole('button', { name: /Enregistrer les modifications/ }).click();
	await claims.openTab('Délais');
	await expect(page.getByRole('row', { name: /LATE1/ })).toContainText('hors délai');
	await page.getByRole('button', { name: 'Relance faite pour LATE1' }).click();
	await expect(page.getByRole('row', { name: /LATE1/ })).toContainText(
		`relancée le ${todayInParis().split('-').reverse().join('/')}`
	);

	await page.getByRole('button', { name: /Réinitialiser/ }).click();
	const dialog = page.getByRole('dialog');
	await expect(dialog).toContainText('2 indemnisations');
	await expect(dialog).toContainText('0 justificatif');
	await expect(dialog).toContainText('instantané de sécurité');
	await dialog.getByRole('button', { name: 'Tout effacer' }).click();
	await expect(claims.tableCount('claims')).toHaveText('0 indemnisation');
	await expect(claims.kpi('claimed')).toContainText('0,00 €');
	await claims.undo();
	await expect(claims.tableCount('claims')).toHaveText('2 indemnisations');
	await claims.openTab('Consulter');
	await expect(claims.rows).toHaveCount(2);

	// A portrait tablet: no tab widens the page (wide tables scroll inside their own box).
	await page.setViewportSize({ width: 768, height: 1024 });
	for (const name of ['Ajouter', 'Consulter', 'Statistiques', 'Délais', 'Exporter'] as const) {
		await claims.openTab(name);
		expect(await page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(768);
	}
});
