import AxeBuilder from '@axe-core/playwright';
import {
	expect,
	hideServiceWorker,
	test,
	type Browser,
	type BrowserContext,
	type Locator,
	type Page,
	type TestInfo
} from './support/test';
import { unzipSync } from 'fflate';
import { AttendusPage } from './pages/attendus.page';
import { BackupPage } from './pages/backup.page';
import { ClaimsPage } from './pages/claims.page';
import { FIXTURES, LogisticiensPage } from './pages/logisticiens.page';
import { SyncPage } from './pages/sync.page';
import {
	COUCH,
	createOutsider,
	createTeam,
	seedClaims,
	teamDocs,
	teamDump,
	type Team
} from './support/couch';

// Two browser contexts are two devices (their own IndexedDB, cookies and network).
interface Device {
	context: BrowserContext;
	page: Page;
	sync: SyncPage;
	claims: ClaimsPage;
}

const ARRIVAL = { timeout: 30_000 };

// Two devices, several pages each, and replication round trips: more than one page's minute.
test.beforeEach(() => test.setTimeout(180_000));

async function device(browser: Browser, info: TestInfo): Promise<Device> {
	const { baseURL, locale, timezoneId } = info.project.use;
	const context = await browser.newContext({ baseURL, locale, timezoneId });
	await hideServiceWorker(context);
	const page = await context.newPage();
	return { context, page, sync: new SyncPage(page), claims: new ClaimsPage(page) };
}

async function connected(browser: Browser, info: TestInfo, team: Team): Promise<Device> {
	const d = await device(browser, info);
	await d.sync.connect(COUCH, team.db, team.user, team.password);
	return d;
}

const claim = (tracking: string) => ({
	tracking,
	partner: 'Acme',
	carrier: 'DPD',
	motif: 'Casse',
	amount: '42,00'
});

/** Creates a claim on the device's Indemnisations page (opened first when `navigate`). */
async function addClaim(d: Device, tracking: string, navigate = true): Promise<void> {
	if (navigate) await d.claims.goto();
	await d.claims.add(claim(tracking));
}

async function expectClaim(d: Device, tracking: string): Promise<void> {
	await d.claims.goto();
	await d.claims.openTab('Consulter');
	await expect(d.claims.row(tracking)).toBeVisible(ARRIVAL);
}

/** Edits a claim's notes on the page the device is on (Indemnisations → Consulter): works offline. */
/** Records in one of the device's Dexie tables, read straight from IndexedDB. */
function localCount(d: Device, table: string): Promise<number> {
	return d.page.evaluate(
		(name) =>
			new Promise<number>((resolve, reject) => {
				const open = indexedDB.open('pilot-greenlog');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const count = open.result.transaction(name).objectStore(name).count();
					count.onsuccess = () => {
						resolve(count.result);
						open.result.close();
					};
					count.onerror = () => reject(count.error);
				};
			}),
		table
	);
}

async function editNotes(d: Device, tracking: string, notes: string): Promise<void> {
	const editor = await d.claims.edit(tracking);
	await d.claims.field('Notes', editor).fill(notes);
	await editor.getByRole('button', { name: /Enregistrer les modifications/ }).click();
	await expect(editor).toBeHidden();
}

test('connect two devices: a claim created on one appears on the other, the header says « Synchronisé »', async ({
	browser
}, info) => {
	const team = await createTeam('equipe');
	const a = await connected(browser, info, team);
	await expect(a.sync.headerStatus()).toContainText('Synchronisé');
	const axe = await new AxeBuilder({ page: a.page })
		.include('section[aria-labelledby="sync-title"]')
		.analyze();
	expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
	const b = await connected(browser, info, team);

	await addClaim(a, 'SYNC-A1');
	await expectClaim(b, 'SYNC-A1');
	await expect(b.claims.row('SYNC-A1')).toContainText('42,00 €');
	// And back the other way.
	await addClaim(b, 'SYNC-B1');
	await expectClaim(a, 'SYNC-B1');
	await a.sync.goto();
	await expect(a.sync.status()).toContainText('Synchronisé', ARRIVAL);
	const ids = (await teamDocs(team.db)).map((r) => r.id);
	expect(ids.filter((id) => id.startsWith('claims:'))).toHaveLength(2);
	// The device's own name stays on the device.
	expect(ids.some((id) => id.includes('user.name'))).toBe(false);
});

test('a claim created offline waits « En attente (1) », then arrives after reconnecting', async ({
	browser
}, info) => {
	const team = await createTeam('horsligne');
	const a = await connected(browser, info, team);
	const b = await connected(browser, info, team);
	// Offline, the page already open keeps working: the claim is stored and queued.
	await a.claims.goto();
	await a.context.setOffline(true);
	await addClaim(a, 'OFFLINE-1', false);
	await expect(a.sync.headerStatus()).toContainText('Hors ligne', ARRIVAL);
	await expect(a.sync.headerStatus()).toContainText('En attente (1)', ARRIVAL);
	await a.context.setOffline(false);
	await expectClaim(b, 'OFFLINE-1');
	await expect(a.sync.headerStatus()).toContainText('Synchronisé', ARRIVAL);
});

test('a 3PL workbook uploaded on one device appears with its period on the other (rows parsed there)', async ({
	browser
}, info) => {
	const team = await createTeam('fichiers');
	const a = await connected(browser, info, team);
	const b = await connected(browser, info, team);
	const libA = new LogisticiensPage(a.page);
	await libA.goto();
	await libA.upload([`${FIXTURES}/LOG_2026_11.xlsx`]);
	await expect(libA.periodInput('LOG_2026_11.xlsx')).toHaveValue('2026-11');
	await libA.save();
	await expect(libA.results).toContainText('LOG_2026_11.xlsx → Novembre 2026 (467 lignes)');

	const libB = new LogisticiensPage(b.page);
	await libB.goto();
	await libB.openTab('Fichiers Disponibles');
	await expect(libB.period('2026-11')).toContainText('467 lignes', ARRIVAL);
	await expect(libB.carrierCount('2026-11', 'Colissimo')).toHaveText('101');
	const doc = (await teamDocs(team.db)).find((r) => r.id.startsWith('logisticiensDatasets:'));
	// Only the original travels, as an attachment named by its SHA-256; never the parsed rows.
	const sha = doc?.id.split(':')[1] ?? '';
	expect(sha).toMatch(/^[0-9a-f]{64}$/);
	expect(Object.keys((doc?.doc._attachments ?? {}) as object)).toEqual([sha]);
	expect((await teamDocs(team.db)).some((r) => r.id.includes('Chunks'))).toBe(false);
});

test('concurrent edits become a conflict; « Garder cette version » on one device converges on both', async ({
	browser
}, info) => {
	const team = await createTeam('conflit');
	const a = await connected(browser, info, team);
	const b = await connected(browser, info, team);
	await addClaim(a, 'CONFLIT-1');
	await expectClaim(b, 'CONFLIT-1');
	await a.sync.goto();
	await expect(a.sync.status()).toContainText('Synchronisé', ARRIVAL);
	await b.sync.goto();
	await expect(b.sync.status()).toContainText('Synchronisé', ARRIVAL);

	for (const d of [a, b]) {
		await d.claims.goto();
		await d.claims.openTab('Consulter');
	}
	await a.context.setOffline(true);
	await b.context.setOffline(true);
	await editNotes(a, 'CONFLIT-1', 'Version de la tablette');
	await editNotes(b, 'CONFLIT-1', 'Version du bureau');
	await a.context.setOffline(false);
	await b.context.setOffline(false);

	for (const d of [a, b]) {
		await d.sync.goto();
		await expect(d.sync.section().getByRole('heading', { name: /Conflits à résoudre/ })).toBeVisible();
		await expect(d.sync.conflicts()).toHaveCount(1, ARRIVAL);
		await expect(d.sync.conflicts()).toContainText('Version de la tablette');
		await expect(d.sync.conflicts()).toContainText('Version du bureau');
	}
	// The record's page shows it too.
	const editor = await (async () => {
		await a.claims.goto();
		await a.claims.openTab('Consulter');
		return a.claims.edit('CONFLIT-1');
	})();
	await expect(editor.getByRole('heading', { name: /Conflits à résoudre/ })).toBeVisible();
	await editor.getByRole('button', { name: '✕ Fermer' }).click();

	await a.sync.goto();
	const notesRow = a.sync.conflicts().getByRole('row').filter({ hasText: 'Notes' });
	// The page was reloaded: wait for the versions before reading their columns.
	await expect(notesRow).toContainText('Version du bureau', ARRIVAL);
	// One <td> per version (the field's name is the row's <th>).
	const cells = await notesRow.locator('td').allTextContents();
	const column = cells.findIndex((t) => t.includes('Version du bureau'));
	await a.sync.keepVersion(column);
	await expect(a.sync.conflicts()).toHaveCount(0);
	// Confirmed means stored on this device: a reload at once keeps the choice, which then replicates.
	await a.page.reload();
	for (const d of [a, b]) {
		await d.sync.goto();
		// Right after a reload the list is empty until the sync has started: wait until it is up to date.
		await expect(d.sync.status()).toContainText('Synchronisé', ARRIVAL);
		await expect(d.sync.conflicts()).toHaveCount(0, ARRIVAL);
		await d.claims.goto();
		await d.claims.openTab('Consulter');
		const ed = await d.claims.edit('CONFLIT-1');
		await expect(d.claims.field('Notes', ed)).toHaveValue('Version du bureau');
		// The version set aside stays in the claim's history.
		await expect(
			ed.getByText(/conflit de synchronisation résolu ; version écartée : Notes Version de la tablette/)
		).toBeVisible();
		await ed.getByRole('button', { name: '✕ Fermer' }).click();
	}
});

/** Clicks « Garder cette version » on the version whose cell of `row` shows `text`, then waits for the confirmation. */
async function keepShowing(d: Device, conflict: Locator, row: string, text: string): Promise<void> {
	const line = conflict
		.getByRole('row')
		.filter({ has: d.page.getByRole('rowheader', { name: row, exact: true }) });
	await expect(line).toContainText(text, ARRIVAL);
	const column = (await line.locator('td').allTextContents()).findIndex((t) => t.includes(text));
	await conflict
		.getByRole('button', { name: /Garder cette version/ })
		.nth(column)
		.click();
	await expect(d.page.getByRole('status').filter({ hasText: 'version gardée' })).toBeVisible(ARRIVAL);
}

test('conflicts beyond claims: a conditioning entry and the claim windows, shown as the app words them, resolved on both', async ({
	browser
}, info) => {
	const team = await createTeam('saisies');
	const a = await connected(browser, info, team);
	const b = await connected(browser, info, team);
	const [attA, attB] = [new AttendusPage(a.page), new AttendusPage(b.page)];
	await attA.goto();
	await attA.fillEntry({ client: 'BIVOUAK', attendu: 'ASN-SYNC', cartons: 5 });
	await attA.saveEntry();
	await expect(attA.synthesisRow('BIVOUAK', 'ASN-SYNC')).toContainText('Manuel');
	await attB.goto();
	await expect(attB.synthesisRow('BIVOUAK', 'ASN-SYNC')).toBeVisible(ARRIVAL);

	// Each device edits the entry while apart: 8 cartons on one, 12 on the other.
	for (const d of [a, b]) await d.context.setOffline(true);
	for (const [d, att, cartons] of [
		[a, attA, '8'],
		[b, attB, '12']
	] as const) {
		await att.openTab('Saisies');
		await d.page.getByRole('button', { name: "Modifier l'entrée BIVOUAK - ASN-SYNC" }).click();
		await att.quantity('Cartons').fill(cartons);
		await att.saveEntry();
		await expect(d.page.getByRole('status').filter({ hasText: 'Entrée modifiée avec succès' })).toBeVisible();
	}
	for (const d of [a, b]) await d.context.setOffline(false);

	// The Attendus page shows the conflict above its entries, named by client and attendu.
	const onPage = a.page.getByTestId('conflict');
	await expect(onPage).toHaveCount(1, ARRIVAL);
	await expect(onPage).toContainText('Saisie de conditionnement « BIVOUAK — ASN-SYNC »');
	await expect(onPage.getByRole('row').filter({ hasText: 'Cartons' })).toContainText('12', ARRIVAL);
	await keepShowing(a, onPage, 'Cartons', '12');
	for (const [d, att] of [
		[a, attA],
		[b, attB]
	] as const) {
		await att.goto();
		await att.openTab('Saisies');
		await expect(
			d.page.getByTestId('attendus-saisies').getByRole('row').filter({ hasText: 'ASN-SYNC' })
		).toContainText('12', ARRIVAL);
		await expect(d.page.getByTestId('conflict')).toHaveCount(0, ARRIVAL);
	}

	// The claim windows, edited on both while apart: the conflict reads line by line, never as JSON.
	for (const d of [a, b]) {
		await d.sync.goto();
		await expect(d.sync.status()).toContainText('Synchronisé', ARRIVAL);
	}
	for (const d of [a, b]) await d.context.setOffline(true);
	for (const [d, days] of [
		[a, '45'],
		[b, '60']
	] as const) {
		await d.page.getByLabel('Délai en jours — DPD').fill(days);
		await d.page.getByRole('button', { name: /Enregistrer les délais/ }).click();
		await expect(
			d.page.getByRole('status').filter({ hasText: 'Délais de réclamation enregistrés' })
		).toBeVisible();
	}
	for (const d of [a, b]) await d.context.setOffline(false);
	for (const d of [a, b]) {
		await expect(d.sync.conflicts()).toHaveCount(1, ARRIVAL);
		await expect(d.sync.conflicts()).toContainText('Paramètre « Délais de réclamation des transporteurs »');
		const line = d.sync.conflicts().getByRole('row').filter({ hasText: 'DPD — Délai' });
		await expect(line).toContainText("45 jours à compter de l'expédition", ARRIVAL);
		await expect(line).toContainText("60 jours à compter de l'expédition");
		await expect(d.sync.conflicts()).not.toContainText('{');
	}
	await keepShowing(b, b.sync.conflicts(), 'DPD — Délai', '60 jours');
	for (const d of [a, b]) {
		await expect(d.sync.conflicts()).toHaveCount(0, ARRIVAL);
		await expect(d.page.getByLabel('Délai en jours — DPD')).toHaveValue('60', ARRIVAL);
	}
});

test('a deletion replicates; after « Déconnecter » nothing more arrives and nothing is lost', async ({
	browser
}, info) => {
	const team = await createTeam('suppression');
	const a = await connected(browser, info, team);
	const b = await connected(browser, info, team);
	await addClaim(a, 'DEL-1');
	await addClaim(a, 'KEEP-1', false);
	await expectClaim(b, 'DEL-1');
	await expectClaim(b, 'KEEP-1');
	await a.claims.goto();
	await a.claims.openTab('Consulter');
	await a.claims.remove('DEL-1');
	await b.claims.goto();
	await b.claims.openTab('Consulter');
	await expect(b.claims.row('DEL-1')).toHaveCount(0, ARRIVAL);

	await b.sync.goto();
	await b.sync.disconnect();
	await expect(b.sync.headerStatus()).toHaveCount(0);
	await addClaim(a, 'AFTER-1');
	await a.sync.goto();
	await expect(a.sync.status()).toContainText('Synchronisé', ARRIVAL);
	expect(
		(await teamDocs(team.db)).some(
			(r) => r.id.startsWith('claims:') && JSON.stringify(r.doc).includes('AFTER-1')
		)
	).toBe(true);
	await b.claims.goto();
	await b.claims.openTab('Consulter');
	await expect(b.claims.row('KEEP-1')).toBeVisible();
	// Give the replication every chance to (wrongly) deliver: a live pull answers within a second.
	await b.page.waitForTimeout(3_000);
	await expect(b.claims.row('AFTER-1')).toHaveCount(0);
	await expect(b.claims.rows).toHaveCount(1);
});

test('refusals name their cause: wrong password, no access to the database, unreachable server', async ({
	browser
}, info) => {
	const team = await createTeam('refus');
	const d = await device(browser, info);
	await d.sync.goto();
	await d.sync.fill(COUCH, team.db, team.user, 'pas-le-bon');
	await d.sync.section().getByRole('button', { name: 'Connecter' }).click();
	await expect(d.sync.sectionAlert()).toContainText('identifiant ou mot de passe incorrect');

	const outsider = await createOutsider();
	await d.sync.fill(COUCH, team.db, outsider.user, outsider.password);
	await d.sync.section().getByRole('button', { name: 'Connecter' }).click();
	await expect(d.sync.sectionAlert()).toContainText(`Pas d'accès à la base « ${team.db} »`);

	await d.sync.fill('http://localhost:9', team.db, team.user, team.password);
	await d.sync.section().getByRole('button', { name: 'Connecter' }).click();
	await expect(d.sync.sectionAlert()).toContainText('Serveur injoignable');

	await d.sync.fill('http://couchdb.example.fr', team.db, team.user, team.password);
	await d.sync.section().getByRole('button', { name: 'Connecter' }).click();
	await expect(d.sync.sectionAlert()).toContainText("n'est pas en HTTPS");
	await expect(d.sync.section().getByRole('button', { name: 'Déconnecter' })).toHaveCount(0);
});

test('the password is never stored: not in IndexedDB, not in localStorage, not in a backup, not in the team database', async ({
	browser
}, info) => {
	const team = await createTeam('secret');
	const a = await connected(browser, info, team);
	await addClaim(a, 'SECRET-1');
	await a.sync.goto();
	await expect(a.sync.status()).toContainText('Synchronisé', ARRIVAL);
	const stored = await a.page.evaluate(async () => {
		const texts: string[] = [JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage })];
		for (const { name } of await indexedDB.databases()) {
			if (!name) continue;
			const idb = await new Promise<IDBDatabase>((ok, ko) => {
				const open = indexedDB.open(name);
				open.onsuccess = () => ok(open.result);
				open.onerror = () => ko(open.error);
			});
			for (const store of idb.objectStoreNames) {
				const all = idb.transaction(store).objectStore(store).getAll();
				texts.push(
					await new Promise<string>((ok) => {
						all.onsuccess = () => ok(JSON.stringify(all.result));
					})
				);
			}
			idb.close();
		}
		return texts.join('\n');
	});
	expect(stored).toContain('SECRET-1');
	expect(stored).not.toContain(team.password);

	await BackupPage.withoutSavePicker(a.page);
	const backup = new BackupPage(a.page);
	await backup.goto();
	const file = await backup.createAndDownload();
	const entries = unzipSync(new Uint8Array(file.buffer));
	const text = Object.values(entries)
		.map((bytes) => Buffer.from(bytes).toString('utf8'))
		.join('\n');
	expect(text).toContain('SECRET-1');
	expect(text).not.toContain(team.password);

	const dump = await teamDump(team.db);
	expect(dump).toContain('SECRET-1');
	expect(dump).not.toContain(team.password);
});

test('a device that never opens the section loads no sync code and sends nothing anywhere', async ({
	page
}) => {
	const foreign: string[] = [];
	const scripts: string[] = [];
	page.on('request', (r) => {
		if (
			new URL(r.url()).origin !== new URL(page.url() || 'http://localhost').origin &&
			!r.url().startsWith('data:')
		)
			foreign.push(r.url());
	});
	page.on('response', async (r) => {
		if (r.url().endsWith('.js')) scripts.push(await r.text().catch(() => ''));
	});
	for (const path of ['/', '/indemnisations', '/logisticiens', '/parametres', '/sauvegarde']) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	}
	await expect(page.getByRole('region', { name: "Synchronisation d'équipe" })).toHaveCount(0);
	await page.goto('/parametres');
	await expect(page.getByRole('region', { name: "Synchronisation d'équipe" })).toBeVisible();
	await expect(page.getByRole('banner').getByRole('status')).toHaveCount(0);
	expect(foreign.filter((u) => !u.startsWith(page.url().slice(0, page.url().indexOf('/', 8))))).toEqual([]);
	// PouchDB's IndexedDB adapter names its stores "_pouch_…": no such code was loaded, nor database created.
	expect(scripts.some((s) => s.includes('_pouch_'))).toBe(false);
	const dbs = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
	expect(dbs.some((n) => n?.startsWith('_pouch_'))).toBe(false);
});

test('a large first sync shows its progress and can be paused and resumed', async ({ browser }, info) => {
	const team = await createTeam('premiere');
	await seedClaims(team.db, 4_000);
	const d = await device(browser, info);
	await d.sync.goto();
	await d.sync.fill(COUCH, team.db, team.user, team.password);
	await d.sync.section().getByRole('button', { name: 'Connecter' }).click();
	const bar = d.sync.section().getByRole('progressbar', { name: 'Première synchronisation' });
	await expect(bar).toBeVisible();
	await d.sync.section().getByRole('button', { name: 'Mettre en pause' }).click();
	await expect(d.sync.status()).toContainText('En pause');
	// Paused part way: the bar stays, with what is left to download.
	await expect(bar).toBeVisible();
	const value = Number(await bar.getAttribute('value'));
	expect(value).toBeLessThan(Number(await bar.getAttribute('max')));
	await d.sync.section().getByRole('button', { name: 'Reprendre' }).click();
	await expect(d.sync.status()).toContainText('Synchronisé', { timeout: 90_000 });
	await expect(bar).toHaveCount(0);
	expect(await localCount(d, 'claims')).toBe(4_000);
});

test('a restore on a synced device asks first: send the restored data to the team, or disconnect first', async ({
	browser
}, info) => {
	const team = await createTeam('restauration');
	const a = await connected(browser, info, team);
	await addClaim(a, 'RESTO-1');
	await BackupPage.withoutSavePicker(a.page);
	const backup = new BackupPage(a.page);
	await backup.goto();
	const file = await backup.createAndDownload();
	const inTeam = async () => (await teamDocs(team.db)).some((r) => JSON.stringify(r.doc).includes('RESTO-1'));
	/** Deletes the claim (the deletion reaches the team), then restores the backup that holds it. */
	const deleteThenRestore = async () => {
		await a.claims.goto();
		await a.claims.openTab('Consulter');
		await a.claims.remove('RESTO-1');
		await expect.poll(inTeam, ARRIVAL).toBe(false);
		await backup.goto();
		await backup.chooseFile(file);
		await a.page.getByRole('button', { name: 'Restaurer les données' }).click();
		return a.page.getByRole('dialog', { name: 'Restaurer sur un appareil synchronisé' });
	};

	let dialog = await deleteThenRestore();
	await dialog.getByRole('button', { name: "Envoyer les données restaurées à l'équipe" }).click();
	await expect(a.page.getByRole('heading', { name: /Restauration terminée/ })).toBeVisible(ARRIVAL);
	await expect.poll(inTeam, ARRIVAL).toBe(true);

	dialog = await deleteThenRestore();
	await dialog.getByRole('button', { name: "Déconnecter d'abord" }).click();
	await expect(a.page.getByRole('heading', { name: /Restauration terminée/ })).toBeVisible(ARRIVAL);
	await expectClaim(a, 'RESTO-1');
	await a.sync.goto();
	await expect(a.sync.section().getByRole('button', { name: 'Connecter' })).toBeVisible();
	expect(await inTeam()).toBe(false);
});
