import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '$lib/db/pilot-db';
import type { LibraryRecord } from '$lib/db/records';
import { notifications } from '$lib/state/notifications.svelte';
import { deleteArchive } from './archive.service';

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
});
