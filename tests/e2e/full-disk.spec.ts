import { expect, test, type Page } from '@playwright/test';
import { BackupPage } from './pages/backup.page';
import { FIXTURES, LogisticiensPage } from './pages/logisticiens.page';

/** Record counts and snapshot ids, read straight from IndexedDB. */
function readDb(page: Page) {
	return page.evaluate(
		() =>
			new Promise<{ counts: Record<string, number>; snapshots: string[] }>((resolve, reject) => {
				const open = indexedDB.open('pilot-greenlog');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const idb = open.result;
					const names = ['logisticiensDatasets', 'logisticiensChunks', 'claims', 'snapshots'];
					const tx = idb.transaction(names);
					const counts: Record<string, number> = {};
					for (const n of names)
						tx.objectStore(n).count().onsuccess = (e) =>
							(counts[n] = (e.target as IDBRequest<number>).result);
					const keys = tx.objectStore('snapshots').getAllKeys();
					tx.oncomplete = () => {
						idb.close();
						resolve({ counts, snapshots: (keys.result as string[]).sort() });
					};
					tx.onerror = () => reject(tx.error);
				};
			})
	);
}

/**
 * Caps the origin's storage (Chromium's DevTools protocol) far under what it uses: the estimate
 * lags behind IndexedDB's own accounting (tens of kilobytes, or nothing yet right after a write),
 * so a cap derived from it let an import through now and then; at one byte every write is
 * refused, as on a full disk, and reads still work.
 */
async function fillDisk(page: Page): Promise<void> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(page.url()).origin, quotaSize: 1 });
}

test('on a full disk, an import, a restore and the daily snapshot fail cleanly; data and snapshots stay', async ({
	page
}) => {
	test.slow(); // Several imports, a backup and a restore on a shared machine.
	await BackupPage.withoutSavePicker(page);
	const lib = new LogisticiensPage(page);
	await lib.goto();
	await lib.upload([`${FIXTURES}/LOG_2026_09.xlsx`]);
	// Read in a worker: slow on a loaded machine.
	await expect(lib.periodInput('LOG_2026_09.xlsx')).toHaveValue('2026-09', { timeout: 30_000 });
	await lib.save();
	await expect(lib.results).toContainText('LOG_2026_09.xlsx → Septembre 2026 (335 lignes)');
	// The import's automatic snapshot (a few seconds later).
	await expect.poll(async () => (await readDb(page)).counts.snapshots, { timeout: 30_000 }).toBe(1);

	const backup = new BackupPage(page);
	await backup.goto();
	const file = await backup.createAndDownload();
	const before = await readDb(page);

	await fillDisk(page);

	// An import: refused in French, nothing half-written.
	await lib.goto();
	await lib.upload([`${FIXTURES}/LOG_2026_10.xlsx`]);
	await expect(lib.periodInput('LOG_2026_10.xlsx')).toHaveValue('2026-10', { timeout: 30_000 });
	await lib.save();
	await expect(page.getByRole('alert')).toContainText("L'espace de stockage du navigateur est plein", {
		timeout: 30_000
	});
	expect(await readDb(page)).toEqual(before);

	// A backup needs no room (a Blob in memory, not in the origin's storage): the way out still works.
	await backup.goto();
	await backup.dismissAlerts();
	const rescue = await backup.createAndDownload();
	expect(rescue.buffer.length).toBeGreaterThan(10_000);

	// The daily automatic snapshot, two days later: said once, in French, the previous one kept;
	// the backup page says where things stand, and later page loads neither retry nor repeat it.
	await backup.dismissAlerts();
	await page.clock.install({ time: Date.now() + 2 * 24 * 3600 * 1000 });
	await page.reload();
	await backup.expectLoaded();
	const alert = page.getByRole('alert').filter({ hasText: 'Instantané automatique' });
	await expect(alert).toContainText('Téléchargez une sauvegarde', { timeout: 30_000 });
	await expect(page.getByTestId('snapshot-no-room')).toContainText("l'espace de stockage est plein");
	expect(await readDb(page)).toEqual(before);
	for (let load = 0; load < 2; load++) {
		await page.reload();
		await backup.expectLoaded();
		await expect(page.getByTestId('snapshot')).toHaveCount(1);
		// Nothing to wait for when nothing happens: leave the daily check time to fail, were it tried.
		await page.waitForTimeout(3000);
		await expect(alert).toHaveCount(0);
	}

	// A restore: its safety snapshot finds no room, so nothing is replaced.
	await backup.chooseFile(file);
	await page.getByRole('button', { name: 'Restaurer les données' }).click();
	await expect(page.getByRole('alert')).toContainText("aucun instantané existant n'a été effacé", {
		timeout: 30_000
	});
	expect(await readDb(page)).toEqual(before);
});
