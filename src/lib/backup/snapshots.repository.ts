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
	await db.transaction('rw', db.snapshots, async () => {
		await db.snapshots.add(record);
		const all = await db.snapshots
			.toCollection()
			.toArray((list) => list.map(({ id, createdAt }) => ({ id, createdAt })));
		await db.snapshots.bulkDelete(snapshotsToDelete(all, record.createdAt));
	});
	return record.id;
}

export async function lastSnapshotAt(): Promise<number | null> {
	const last = await db.snapshots.orderBy('createdAt').last();
	return last?.createdAt ?? null;
}
