import { chromium, expect, test, type BrowserContext, type Page } from './support/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, executablePath } from '../../playwright.config';
import { BackupPage } from './pages/backup.page';
import { FIXTURES, LogisticiensPage } from './pages/logisticiens.page';

/**
 * A real full disk. DevTools' `Storage.overrideQuotaForOrigin` is no use here: Chromium 150 reports
 * the override as active, yet IndexedDB commits past it (5 MB written under a 1-byte cap). So the
 * browser is started on a profile of its own with a small real quota (Chromium's
 * `StorageQuotaSettings` feature: a 40 MB pool, about 30 MB for the origin), and a database of the
 * same origin is filled until IndexedDB itself refuses with QuotaExceededError: every later write
 * of the app meets the browser's own refusal. An incognito context ignores that setting.
 */
const QUOTA_ARGS = ['--enable-features=StorageQuotaSettings:PoolSizeBytes/40000000'];

async function openProfile(
	baseURL: string
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
	const dir = await mkdtemp(join(tmpdir(), 'pilot-full-disk-'));
	const context = await chromium.launchPersistentContext(dir, {
		executablePath,
		args: [...chromiumArgs, ...QUOTA_ARGS],
		baseURL,
		locale: 'fr-FR',
		timezoneId: 'Europe/Paris',
		// The service worker's precache would take room at a moment of its choosing.
		serviceWorkers: 'block'
	});
	return {
		context,
		close: async () => {
			await context.close();
			await rm(dir, { recursive: true, force: true });
		}
	};
}

/** Fills the origin's quota with random bytes in a database of its own, down to under 1 KB left. */
function fillDisk(page: Page): Promise<number> {
	return page.evaluate(
		() =>
			new Promise<number>((resolve, reject) => {
				const open = indexedDB.open('disk-filler', 1);
				open.onupgradeneeded = () => open.result.createObjectStore('f', { autoIncrement: true });
				open.onerror = () => reject(open.error);
				open.onsuccess = async () => {
					const idb = open.result;
					const put = (size: number) =>
						new Promise<boolean>((done, fail) => {
							const bytes = new Uint8Array(size);
							for (let i = 0; i < size; i += 65_536)
								crypto.getRandomValues(bytes.subarray(i, Math.min(size, i + 65_536)));
							const tx = idb.transaction('f', 'readwrite');
							tx.objectStore('f').add(new Blob([bytes]));
							tx.oncomplete = () => done(true);
							tx.onabort = () => (tx.error?.name === 'QuotaExceededError' ? done(false) : fail(tx.error));
						});
					let written = 0;
					for (const size of [1 << 20, 1 << 16, 1 << 10]) while (await put(size)) written += size;
					idb.close();
					resolve(written);
				};
			})
	);
}

function freeDisk(page: Page): Promise<void> {
	return page.evaluate(
		() =>
			new Promise<void>((resolve, reject) => {
				const del = indexedDB.deleteDatabase('disk-filler');
				del.onsuccess = () => resolve();
				del.onerror = () => reject(del.error);
			})
	);
}

/** The app's record counts and snapshot ids, read straight from IndexedDB. */
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

test('on a full disk, an import, a restore and the daily snapshot fail cleanly; data and snapshots stay', async ({
	baseURL
}) => {
	test.slow(); // Several imports, a backup and a restore on a shared machine.
	const profile = await openProfile(baseURL!);
	try {
		const page = profile.context.pages()[0] ?? (await profile.context.newPage());
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

		expect(await fillDisk(page)).toBeGreaterThan(1_000_000);

		// An import: refused in French, nothing half-written.
		await lib.goto();
		await lib.upload([`${FIXTURES}/LOG_2026_10.xlsx`]);
		await expect(lib.periodInput('LOG_2026_10.xlsx')).toHaveValue('2026-10', { timeout: 30_000 });
		await lib.save();
		const full = page.getByRole('alert').filter({ hasText: "L'espace de stockage du navigateur est plein" });
		await expect(full).toContainText("rien n'a été écrit", { timeout: 30_000 });
		await expect(full).toContainText('Libérez de la place');
		expect(await readDb(page)).toEqual(before);

		// A backup needs no room (a Blob in memory, not in the origin's storage): the way out works.
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
		const refused = page.getByRole('alert').filter({ hasText: "aucun instantané existant n'a été effacé" });
		await expect(refused).toContainText('Téléchargez une sauvegarde', { timeout: 30_000 });
		expect(await readDb(page)).toEqual(before);

		// Room freed, as the message says: the same import goes through.
		await freeDisk(page);
		await lib.goto();
		await lib.upload([`${FIXTURES}/LOG_2026_10.xlsx`]);
		await expect(lib.periodInput('LOG_2026_10.xlsx')).toHaveValue('2026-10', { timeout: 30_000 });
		await lib.save();
		await expect(lib.results).toContainText('LOG_2026_10.xlsx → Octobre 2026');
		expect((await readDb(page)).counts.logisticiensDatasets).toBe(before.counts.logisticiensDatasets + 1);
	} finally {
		await profile.close();
	}
});
