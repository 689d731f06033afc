import { db } from '$lib/db/pilot-db';
import { withWrite } from '$lib/db/write-lock';
import type { BackupHistoryRecord } from '$lib/db/records';
import { restoreTargets } from './backup-restore';
import { TABLE_REGISTRY } from '$lib/db/registry';

export function recordBackup(record: BackupHistoryRecord): Promise<unknown> {
	return withWrite([db.backupHistory], () => db.backupHistory.put(record));
}

/** The tables a restore can write, with their current counts. */
export async function restorableTables(): Promise<
	Record<string, { owner: string; label: string; count: number }>
> {
	const tables = restoreTargets(db);
	const counts = await Promise.all(tables.map((t) => t.count()));
	return Object.fromEntries(
		tables.map((t, i) => [
			t.name,
			{
				owner: TABLE_REGISTRY[t.name]?.owner ?? 'parametres',
				label: TABLE_REGISTRY[t.name]?.label ?? t.name,
				count: counts[i]
			}
		])
	);
}

/** History entries kept inside claims (RULINGS 13 reports them on their own line). */
export async function claimHistoryCount(): Promise<number> {
	let n = 0;
	await db.claims.each((c) => {
		n += c.history?.length ?? 0;
	});
	return n;
}
