import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './support/test';
import { readFile } from 'node:fs/promises';
import { BackupPage } from './pages/backup.page';
import { ClaimsPage } from './pages/claims.page';

// These tests use the service worker (offline, updates): support/test.ts hides it elsewhere.
test.use({ withServiceWorker: true });

test.beforeEach(async ({ page }) => {
	await BackupPage.withoutSavePicker(page);
});

test("the seed's scenario: claim TEST123 backed up, deleted, restored without reload, kept after reload and offline", async ({
	page,
	context
}) => {
	const claims = new ClaimsPage(page);
	await claims.goto();
	await claims.add({
		tracking: 'TEST123',
		partner: 'Partenaire Test',
		carrier: 'DPD',
		motif: 'Test backup',
		amount: '10,00'
	});

	const backup = new BackupPage(page);
	await backup.goto();
	await backup.openDiagnostic();
	await expect(backup.diagnosticCount('claims')).toHaveText('1');
	await expect(page.getByTestId('claims-present')).toContainText('elles SERONT sauvegardées');

	await backup.createBackup();
	await expect(backup.claimsSaved()).toContainText('Indemnisations sauvegardées : 1');
	const download = await backup.download();
	expect(download.suggestedFilename()).toMatch(/^pilot_GREENLOG_backup_\d{8}_\d{6}\.zip$/);
	const file = {
		name: download.suggestedFilename(),
		mimeType: 'application/zip',
		buffer: await readFile(await download.path())
	};
	await expect(page.getByTestId('backup-saved')).toContainText('Téléchargement');
	// The home page's reminder reads the backup history.
	await page.getByRole('link', { name: '🏠 Accueil' }).click();
	await expect(page.getByTestId('last-backup')).toContainText('Dernière sauvegarde téléchargée');

	await claims.goto();
	await claims.openTab('Consulter');
	await claims.remove('TEST123');
	await expect(claims.row('TEST123')).toHaveCount(0);

	await backup.goto();
	await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
	await backup.chooseFile(file);
	await expect(backup.preview('indemnisations')).toContainText('1');
	await backup.restore();

	// No reload: the live views already show the claim, and the page is the same document.
	await backup.openTab('Sauvegarder');
	await backup.openDiagnostic();
	await expect(backup.diagnosticCount('claims')).toHaveText('1');
	await page
		.getByRole('link', { name: /Accueil|pilot by GREENLOG/ })
		.first()
		.click();
	await page
		.getByRole('link', { name: /Indemnisations/ })
		.first()
		.click();
	await claims.openTab('Consulter');
	await expect(claims.row('TEST123')).toContainText('10,00 €');
	expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(
		true
	);

	await page.reload();
	await claims.openTab('Consulter');
	await expect(claims.row('TEST123')).toContainText('Test backup');

	await claims.waitForServiceWorker();
	await context.setOffline(true);
	await page.reload();
	await claims.openTab('Consulter');
	await expect(claims.row('TEST123')).toContainText('Partenaire Test');
	await context.setOffline(false);
});

test('a backup file dropped on the restore zone is read like a chosen one', async ({ page }) => {
	const claims = new ClaimsPage(page);
	await claims.goto();
	await claims.add({
		tracking: 'DROP1',
		partner: 'Test',
		carrier: 'DPD',
		motif: 'Test backup',
		amount: '10.00'
	});
	const backup = new BackupPage(page);
	await backup.goto();
	const file = await backup.createAndDownload();
	await backup.openTab('Restaurer');
	const transfer = await page.evaluateHandle(
		({ name, bytes }) => {
			const dt = new DataTransfer();
			dt.items.add(new File([new Uint8Array(bytes)], name, { type: 'application/zip' }));
			return dt;
		},
		{ name: file.name, bytes: [...file.buffer] }
	);
	await page
		.getByRole('group', { name: 'Dépôt du fichier de sauvegarde' })
		.dispatchEvent('drop', { dataTransfer: transfer });
	await expect(page.getByRole('heading', { name: `✅ Fichier vérifié : ${file.name}` })).toBeVisible();
	await expect(backup.preview('indemnisations')).toContainText('1');
});

test('the backup page has no serious accessibility fault, tabs work with the keyboard', async ({ page }) => {
	const backup = new BackupPage(page);
	await backup.goto();
	await backup.openDiagnostic();
	await expect(backup.diagnosticCount('claims')).toHaveText('0');
	await backup.createBackup();
	const serious = async () =>
		(await new AxeBuilder({ page }).analyze()).violations.filter((v) =>
			['serious', 'critical'].includes(v.impact ?? '')
		);
	expect(await serious()).toEqual([]);
	await backup.tab('Sauvegarder').focus();
	await page.keyboard.press('ArrowRight');
	await expect(backup.tab('Restaurer')).toBeFocused();
	await expect(backup.tab('Restaurer')).toHaveAttribute('aria-selected', 'true');
	await expect(backup.fileInput()).toBeVisible();
	expect(await serious()).toEqual([]);
	// Empty tables are listed too, and the snapshot table is said to be left out.
	await expect(page.getByText('Non incluse : Instantanés de sécurité')).toBeAttached();
});
