import { expect, test } from './support/test';
import { BackupPage } from './pages/backup.page';
import { ClaimsPage } from './pages/claims.page';
import { badBackups, rezippedByUser } from '../support/bad-backups';

test.beforeEach(async ({ page }) => {
	await BackupPage.withoutSavePicker(page);
});

const seedClaim = {
	tracking: 'TEST123',
	partner: 'Partenaire Test',
	carrier: 'DPD',
	motif: 'Test backup',
	amount: '10,00'
};

test('every bad file gets a French alert and changes nothing; a re-zipped folder still restores', async ({
	page
}) => {
	test.setTimeout(180_000);
	const claims = new ClaimsPage(page);
	await claims.goto();
	await claims.add(seedClaim);
	const backup = new BackupPage(page);
	await backup.goto();
	const valid = await backup.createAndDownload();
	const before = await backup.dump('claims');

	for (const bad of badBackups(new Uint8Array(valid.buffer))) {
		await backup.chooseFile({
			name: bad.name,
			mimeType: 'application/zip',
			buffer: Buffer.from(bad.bytes())
		});
		await expect(backup.alerts(), bad.name).toContainText(bad.message, { timeout: 60_000 });
		await expect(backup.alerts()).toContainText(bad.name);
		await expect(page.getByRole('button', { name: 'Restaurer les données' })).toHaveCount(0);
		expect(await backup.dump('claims'), bad.name).toBe(before);
		await backup.dismissAlerts();
	}

	await backup.chooseFile({
		name: 'pilot_GREENLOG_backup_20261218_174205.zip',
		mimeType: 'application/zip',
		buffer: Buffer.from(
			await import('node:fs').then((fs) =>
				fs.readFileSync('tests/fixtures/backup/legacy/pilot_GREENLOG_backup_20261218_174205_pandas-3.0.6.zip')
			)
		)
	});
	// An old-app backup is not refused: the legacy import previews it (tests/e2e/legacy-import.spec.ts).
	await expect(page.getByTestId('legacy-preview')).toBeVisible({ timeout: 60_000 });
	await expect(page.getByTestId('legacy-indemnisations')).toContainText('12 indemnisations');
	expect(await backup.dump('claims')).toBe(before);

	await claims.goto();
	await claims.openTab('Consulter');
	await claims.remove('TEST123');
	await backup.goto();
	await backup.chooseFile({
		name: 'dossier-rezippe.zip',
		mimeType: 'application/zip',
		buffer: Buffer.from(rezippedByUser(new Uint8Array(valid.buffer)))
	});
	await backup.restore();
	expect(await backup.dump('claims')).toBe(before);
});

test('a fault inside the restore transaction leaves the data intact; undo brings back the exact previous data', async ({
	page
}) => {
	const claims = new ClaimsPage(page);
	await claims.goto();
	await claims.add(seedClaim);
	const backup = new BackupPage(page);
	await backup.goto();
	const file = await backup.createAndDownload();

	await claims.goto();
	await claims.add({
		tracking: 'AUTRE1',
		partner: 'VELO & CO',
		carrier: 'Colissimo',
		motif: 'Colis perdu',
		amount: '5,50'
	});
	await backup.goto();
	const before = await backup.dump('claims');
	expect(JSON.parse(before)).toHaveLength(2);

	// The disk fills up while the claims are written back: the whole transaction must roll back.
	await page.evaluate(() => {
		const put = IDBObjectStore.prototype.put;
		IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
			if (this.name === 'claims') throw new DOMException("Plus d'espace", 'QuotaExceededError');
			return put.apply(this, args);
		};
		(window as unknown as { restorePut: () => void }).restorePut = () => (IDBObjectStore.prototype.put = put);
	});
	await backup.chooseFile(file);
	await page.getByRole('button', { name: 'Restaurer les données' }).click();
	await expect(backup.alerts()).toContainText("L'espace de stockage du navigateur est plein");
	await expect(backup.alerts()).toContainText("rien n'a été écrit");
	expect(await backup.dump('claims')).toBe(before);
	await page.evaluate(() => (window as unknown as { restorePut: () => void }).restorePut());
	await backup.dismissAlerts();

	await backup.restore();
	expect(JSON.parse(await backup.dump('claims'))).toHaveLength(1);
	await backup.undoButton().click();
	await expect(page.getByText('Restauration annulée')).toBeVisible();
	expect(await backup.dump('claims')).toBe(before);

	// Each replacing write left a snapshot in the list; going back to the restored state is one click.
	const snapshots = page.getByTestId('snapshot');
	await expect(snapshots.filter({ hasText: 'Avant restauration de' })).not.toHaveCount(0);
	await snapshots
		.filter({ hasText: 'Avant retour à' })
		.first()
		.getByRole('button', { name: /Revenir à cet instantané/ })
		.click();
	await expect.poll(async () => JSON.parse(await backup.dump('claims')).length).toBe(1);
});

test('a password-protected backup cannot be restored without its password; a wrong one says so', async ({
	page
}) => {
	const claims = new ClaimsPage(page);
	await claims.goto();
	await claims.add(seedClaim);
	const backup = new BackupPage(page);
	await backup.goto();
	await page.getByLabel('Protéger la sauvegarde par un mot de passe').check();
	await page.getByLabel('Mot de passe (8 caractères minimum)').fill('cheval-correct-42');
	await page.getByLabel('Confirmation du mot de passe').fill('cheval-correct-42');
	const file = await backup.createAndDownload();
	await expect(page.getByText('(chiffrée)')).toBeVisible();
	// The outer manifest says how to derive the key, and nothing about the data.
	const text = file.buffer.toString('latin1');
	expect(text).not.toContain('TEST123');
	expect(text).not.toContain('claims');

	await claims.goto();
	await claims.openTab('Consulter');
	await claims.remove('TEST123');
	await backup.goto();
	await backup.chooseFile(file);
	const password = page.getByLabel('Mot de passe de la sauvegarde');
	await expect(password).toBeVisible();
	await password.fill('mauvais-mot-de-passe');
	await page.getByRole('button', { name: 'Déverrouiller' }).click();
	await expect(backup.alerts()).toContainText('Mot de passe incorrect');
	await backup.dismissAlerts();
	await password.fill('cheval-correct-42');
	await page.getByRole('button', { name: 'Déverrouiller' }).click();
	await expect(backup.preview('indemnisations')).toContainText('1');
	await backup.restore();
	expect(JSON.parse(await backup.dump('claims'))[0].tracking).toBe('TEST123');
});
