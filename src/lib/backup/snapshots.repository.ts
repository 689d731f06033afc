import { db } from '$lib/db/pilot-db';
import { withWrite } from '$lib/db/write-lock';
import type { SnapshotRecord } from '$lib/db/records';
import type { CreatedBackup } from './backup-engine';
import { PilotError } from '$lib/i18n/errors';
import { formatDateTime } from '$lib/i18n/format';
import { roomToFree, snapshotsToDelete, type Dated } from './snapshot-retention';

/** Snapshots newest first, for the list on the backup page. */
export function listSnapshots(): Promise<SnapshotRecord[]> {
	return db.snapshots.orderBy('createdAt').reverse().toArray();
}

export function getSnapshot(id: string): Promise<SnapshotRecord | undefined> {
	return db.snapshots.get(id);
}

export async function deleteSnapshot(id: string): Promise<void> {
	await withWrite([db.snapshots], () => db.snapshots.delete(id));
}

/** Stores a snapshot and applies the retention rule, in one transaction. */
export async function storeSnapshot(
	backup: CreatedBackup,
	reason: string,
	kind: SnapshotRecord['kind']
): Promise<string> {
	const record: SnapshotRecord = {
		id: crypto.randomUUID(),
		createdAt: Date.now(),
		reason,
		kind,
		size: backup.blob.size,
		zip: backup.blob,
		tables: Object.fromEntries(Object.entries(backup.manifest.tables).map(([name, t]) => [name, t.rows]))
	};
	const store = () =>
		db.transaction('rw', db.snapshots, async () => {
			await db.snapshots.add(record);
			await db.snapshots.bulkDelete(snapshotsToDelete(await datedSnapshots(), record.createdAt));
		});
	try {
		await store();
	} catch (error) {
		if (!isQuotaError(error)) throw error;
		// A full disk: free only what retention drops anyway once this one is in (never the newest
		// kept, the last good one), committed first, then try once more; else keep all and say so.
		const freed = roomToFree(await datedSnapshots(), record);
		if (!freed.length) throw noRoom(await lastSnapshotAt());
		await db.snapshots.bulkDelete(freed);
		try {
			await store();
		} catch (again) {
			throw isQuotaError(again) ? noRoom(await lastSnapshotAt()) : again;
		}
	}
	return record.id;
}

function datedSnapshots(): Promise<Dated[]> {
	return db.snapshots.toCollection().toArray((list) => list.map(({ id, createdAt }) => ({ id, createdAt })));
}

function noRoom(last: number | null): PilotError {
	return new PilotError('snapshot-no-room', { last: last === null ? undefined : formatDateTime(last) });
}

function isQuotaError(error: unknown): boolean {
	const e = error as { name?: string; inner?: { name?: string } } | null;
	return e?.name === 'QuotaExceededError' || e?.inner?.name === 'QuotaExceededError';
}

export async function lastSnapshotAt(): Promise<number | null> {
	const last = await db.snapshots.orderBy('createdAt').last();
	return last?.createdAt ?? null;
}
