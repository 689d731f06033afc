import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '$lib/db/pilot-db';
import type { LibraryRecord } from '$lib/db/records';
import { notifications } from '$lib/state/notifications.svelte';
import { deleteLibrary, deletePeriod } from './library.service';

const rec = (id: string, period: string) =>
	({ id, module: 'dpd', period, title: `DPD — ${period}`, createdAt: 1, rowCount: 1 }) as LibraryRecord;

const ids = async () => (await db.library.toArray()).map((r) => r.id).sort();
const lastUndo = () => notifications.items.filter((n) => n.kind === 'success').at(-1)?.action;

beforeEach(async () => {
	await Promise.all(db.tables.map((t) => t.clear()));
	notifications.clear();
	await db.library.bulkPut([rec('a', '2026-10'), rec('b', '2026-11'), rec('c', '2026-11')]);
});

describe('library service', () => {
	it('deletes a period after a safety snapshot, and "Annuler" files its analyses back', async () => {
		expect(await deletePeriod('2026-11')).toBe(true);
		expect(await ids()).toEqual(['a']);
		const snaps = await db.snapshots.toArray();
		expect(snaps).toHaveLength(1);
		expect(snaps[0].kind).toBe('safety');
		expect(snaps[0].tables.library).toBe(3);
		expect(notifications.items.at(-1)?.text).toContain('2 analyses supprimées (de la période Novembre 2026)');
		await lastUndo()!.run();
		expect(await ids()).toEqual(['a', 'b', 'c']);
	});

	it('empties the whole library, undoably', async () => {
		expect(await deleteLibrary()).toBe(true);
		expect(await db.library.count()).toBe(0);
		expect(await db.snapshots.count()).toBe(1);
		await lastUndo()!.run();
		expect(await ids()).toEqual(['a', 'b', 'c']);
	});
});
