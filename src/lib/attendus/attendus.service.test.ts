import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('$lib/backup/snapshots.service', () => ({
	noteSignificantChange: vi.fn(),
	takeSafetySnapshot: vi.fn(async () => 'snapshot-id'),
	restoreSnapshot: vi.fn(async () => true)
}));

import { restoreSnapshot, takeSafetySnapshot } from '$lib/backup/snapshots.service';
import { db } from '$lib/db/pilot-db';
import { moduleSummary } from '$lib/home/home.summary';
import { packParsed, parseBytes } from '$lib/intake/intake.core';
import { storeParsed } from '$lib/intake/intake.service';
import { notifications } from '$lib/state/notifications.svelte';
import { buildSynthesis, kpis } from './attendus.logic';
import { loadAttendus } from './attendus.repository';
import {
	addClient,
	createEntry,
	deleteClient,
	deleteEntry,
	removeImport,
	resetAttendus,
	saveTileSummary,
	updateEntry
} from './attendus.service';

async function importFixture() {
	const bytes = new Uint8Array(readFileSync('tests/fixtures/attendus/attendus_received.csv'));
	const parsed = await packParsed(parseBytes(bytes, 'attendus_received.csv', 'attendus'));
	return storeParsed('attendus', 'csv', parsed, new Blob([bytes]));
}

const lastNotice = () => notifications.items[notifications.items.length - 1];
const undoLast = async () => {
	await lastNotice().action!.run();
	// The undo's own write is awaited inside run(); give Dexie a turn to settle.
	await Promise.resolve();
};

const fixture = JSON.parse(readFileSync('tests/fixtures/attendus/manual_entries.json', 'utf8')) as {
	entries: { client: string; attendu: string; palette_multi: number; palette_mono: number; carton: number }[];
};

describe('attendus service', () => {
	beforeEach(async () => {
		await Promise.all(db.tables.map((t) => t.clear()));
		notifications.clear();
	});

	it('stores the fixture CSV and manual entries: the tile and KPIs give the expected figures', async () => {
		expect(await moduleSummary('attendus')).toBe('Aucun attendu');
		await importFixture();
		for (const e of fixture.entries)
			await createEntry(
				{
					client: e.client,
					attendu: e.attendu,
					paletteMulti: e.palette_multi,
					paletteMono: e.palette_mono,
					carton: e.carton
				},
				{ newClient: e.client === 'NOUVEAU CLIENT' }
			);
		const data = await loadAttendus();
		expect(data.lines).toHaveLength(106);
		expect(data.manual).toHaveLength(5);
		// "NOUVEAU CLIENT" was typed as a new client: saving its entry listed it (CSV clients are not listed).
		expect(data.custom).toEqual(['NOUVEAU CLIENT']);
		expect(kpis(buildSynthesis(data.lines, data.manual))).toMatchObject({
			totalPalettes: 7,
			totalCartons: 20,
			nbClients: 9,
			totalSku: 70
		});
		// Until the page has computed the synthesis, the tile says what is stored, without reading the rows.
		expect(await moduleSummary('attendus')).toBe('1 fichier · 5 saisies manuelles');
		await saveTileSummary(data, kpis(buildSynthesis(data.lines, data.manual)));
		expect(await moduleSummary('attendus')).toBe('15 attendus · 7 palettes · 20 cartons');
		// An entry changed since (here, or arrived through the team sync): the figures are no longer trusted.
		await updateEntry(data.manual[0].id, { ...data.manual[0], carton: data.manual[0].carton + 1 });
		expect(await moduleSummary('attendus')).toBe('1 fichier · 5 saisies manuelles');
	});

	it('adds, edits and deletes an entry, each undone by « Annuler »', async () => {
		const e = await createEntry({
			client: 'bivouak',
			attendu: 'ASN-9',
			paletteMulti: 1,
			paletteMono: 0,
			carton: 0
		});
		expect(e).toMatchObject({ client: 'BIVOUAK', attendu: 'ASN-9' });
		expect(lastNotice().text).toBe('Entrée ajoutée pour BIVOUAK - ASN-9.');
		await undoLast();
		expect(await db.attendusManual.count()).toBe(0);

		const kept = await createEntry({
			client: 'BIVOUAK',
			attendu: 'ASN-9',
			paletteMulti: 1,
			paletteMono: 0,
			carton: 0
		});
		await updateEntry(kept!.id, {
			client: 'BIVOUAK',
			attendu: 'ASN-9',
			paletteMulti: 3,
			paletteMono: 2,
			carton: 1
		});
		expect(await db.attendusManual.get(kept!.id)).toMatchObject({
			paletteMulti: 3,
			paletteMono: 2,
			carton: 1
		});
		await undoLast();
		expect(await db.attendusManual.get(kept!.id)).toMatchObject({
			paletteMulti: 1,
			paletteMono: 0,
			carton: 0
		});

		expect(await deleteEntry(kept!.id)).toBe(true);
		expect(await db.attendusManual.count()).toBe(0);
		await undoLast();
		expect(await db.attendusManual.get(kept!.id)).toMatchObject({ attendu: 'ASN-9' });
	});

	it('refuses an invalid entry with the legacy message, writing nothing', async () => {
		expect(
			await createEntry({ client: 'BIVOUAK', attendu: 'ASN-9', paletteMulti: 0, paletteMono: 0, carton: 0 })
		).toBeUndefined();
		expect(lastNotice()).toMatchObject({ kind: 'error' });
		expect(lastNotice().text).toContain('Au moins une quantité doit être supérieure à 0');
		expect(await db.attendusManual.count()).toBe(0);
	});

	it('manages custom clients: upper-cased, no duplicate, no deletion while in use', async () => {
		expect(await addClient('  zebra shop')).toBe('ZEBRA SHOP');
		expect(await addClient('Zebra Shop')).toBeUndefined();
		expect(lastNotice().text).toContain('Ce client existe déjà dans la liste');
		await createEntry({ client: 'zebra shop', attendu: 'Z1', paletteMulti: 0, paletteMono: 0, carton: 4 });
		expect(await deleteClient('ZEBRA SHOP', [])).toBe(false);
		expect(lastNotice().text).toContain('Impossible de supprimer ZEBRA SHOP');
		await db.attendusManual.clear();
		expect(await deleteClient('ZEBRA SHOP', [])).toBe(true);
		expect(await db.attendusClients.count()).toBe(0);
		await undoLast();
		expect(await db.attendusClients.count()).toBe(1);
	});

	it('removes an import with undo, and resets after a safety snapshot keeping the clients', async () => {
		const dataset = await importFixture();
		await removeImport(dataset.id);
		expect((await loadAttendus()).lines).toHaveLength(0);
		await undoLast();
		expect((await loadAttendus()).lines).toHaveLength(106);

		await addClient('ZEBRA SHOP');
		await createEntry({ client: 'BIVOUAK', attendu: 'A', paletteMulti: 1, paletteMono: 0, carton: 0 });
		expect(await resetAttendus()).toBe(true);
		expect(takeSafetySnapshot).toHaveBeenCalledWith('Avant réinitialisation des Attendus de Réception');
		const after = await loadAttendus();
		expect([after.files.length, after.lines.length, after.manual.length]).toEqual([0, 0, 0]);
		expect(after.custom).toEqual(['ZEBRA SHOP']);
		await undoLast();
		expect(restoreSnapshot).toHaveBeenCalledWith('snapshot-id', { modules: ['attendus'] });
	});
});
