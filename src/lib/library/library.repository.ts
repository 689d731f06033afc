/** Dexie reads of the Bibliothèque: every archived analysis, a module's, a period's. */
import { db } from '$lib/db/pilot-db';
import type { LibraryRecord } from '$lib/db/records';

export async function allArchives(): Promise<LibraryRecord[]> {
	return db.library.orderBy('createdAt').reverse().toArray();
}

export async function archivesOfPeriod(period: string): Promise<LibraryRecord[]> {
	return db.library.where('period').equals(period).toArray();
}

/** A module's analyses in the Bibliothèque, newest first. */
export async function archivedAnalyses(module: string): Promise<LibraryRecord[]> {
	const records = await db.library.where('module').equals(module).toArray();
	return records.sort((a, b) => b.createdAt - a.createdAt);
}

/** A module's analyses filed under one period (what an automatic archive replaces). */
export function archivesOf(module: string, period: string): Promise<LibraryRecord[]> {
	return db.library
		.where('module')
		.equals(module)
		.filter((r) => r.period === period)
		.toArray();
}
