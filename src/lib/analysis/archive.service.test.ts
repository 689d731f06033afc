import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '$lib/db/pilot-db';
import type { LibraryRecord } from '$lib/db/records';
import { notifications } from '$lib/state/notifications.svelte';
import { deleteArchive, fileArchive } from './archive.service';

const record: LibraryRecord = {
	id: 'a1',
	module: 'retours',
	period: '2026-11',
	title: 'Retours — Novembre 2026',
	createdAt: 1,
	rowCount: 55,
	dateRange: ['2026-11-02', '2026-11-28'],
	partners: ['VELO & CO'],
	sources: [{ sha256: 'ab12', fileName: 'retours_export_202611.csv' }],
	result: { label: 'Retours' }
};

beforeEach(async () => {
	await Promise.all(db.tables.map((t) => t.clear()));
	notifications.clear();
});

describe('archive service', () => {
	it('deletes an archived analysis, and "Annuler" files the stored record back', async () => {
		await db.library.add(record);
		expect(await deleteArchive({ ...record, title: 'copie affichée' })).toBe(true);
		expect(await db.library.count()).toBe(0);
		const undo = notifications.items.at(-1)?.action;
		expect(undo?.label).toBe('Annuler');
		await undo!.run();
		expect(await db.library.get(record.id)).toEqual(record);
	});

	it('says so when the analysis is no longer there', async () => {
		expect(await deleteArchive(record)).toBe(false);
		expect(notifications.items.at(-1)?.kind).toBe('error');
	});

	it('files an archive; with replace, the same module and period only is replaced, after a snapshot', async () => {
		await db.library.bulkAdd([record, { ...record, id: 'other', period: '2026-10' }]);
		const next = { ...record, id: 'a2', createdAt: 2 };
		expect(await fileArchive(() => next, 'analyse des retours', { replace: true })).toBe(true);
		expect((await db.library.toArray()).map((r) => r.id).sort()).toEqual(['a2', 'other']);
		expect(await db.snapshots.count()).toBe(1);
		expect(notifications.items.at(-1)?.text).toMatch(
			/^✅ Analyse des retours archivée dans la Bibliothèque \(Novembre 2026\) à la place de la précédente/
		);
		// Without replace, it is added beside the others.
		expect(await fileArchive(() => ({ ...record, id: 'a3' }), 'analyse des retours')).toBe(true);
		expect(await db.library.count()).toBe(3);
	});

	it('reports in French an archive that cannot be built, and writes nothing', async () => {
		const failing = () => {
			throw new Error('analyse illisible');
		};
		expect(await fileArchive(failing, 'analyse DPD')).toBe(false);
		expect(notifications.items.at(-1)?.kind).toBe('error');
		expect(await db.library.count()).toBe(0);
	});
});
