import { db } from '$lib/db/pilot-db';
import type { SnapshotRecord } from '$lib/db/records';
import type { CreatedBackup } from './backup-engine';
import { snapshotsToDelete } from './snapshot-retention';

/** Snapshots newest first, for the list on the backup page. */
export function listSnapshots(): Promise<SnapshotRecord[]> {
	return db.snapshots.orderBy('createdAt').reverse().toArray();
}

export function getSnapshot(id: string): Promise<SnapshotRecord | undefined> {
	return db.snapshots.get(id);
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
			const all = await db.snapshots
				.toCollection()
				.toArray((list) => list.map(({ id, createdAt }) => ({ id, createdAt })));
			await db.snapshots.bulkDelete(snapshotsToDelete(all, record.createdAt));
		});
	try {
		await store();
	} catch (error) {
		if (!isQuotaError(error)) throw error;
		// A full disk must not block the very write that would free space: older snapshots make
		// room for the one that matches today's data, then it is tried once more.
		await db.snapshots.clear();
		await store();
	}
	return record.id;
}

function isQuotaError(error: unknown): boolean {
	const e = error as { name?: string; inner?: { name?: string } } | null;
	return e?.name === 'QuotaExceededError' || e?.inner?.name === 'QuotaExceededError';
}

export async function lastSnapshotAt(): Promise<number | null> {
	const last = await db.snapshots.orderBy('createdAt').last();
	return last?.createdAt ?? null;
}
