/** Dexie reads of the Bibliothèque: every archived analysis, newest first. */
import { db } from '$lib/db/pilot-db';
import type { LibraryRecord } from '$lib/db/records';

export async function allArchives(): Promise<LibraryRecord[]> {
	return db.library.orderBy('createdAt').reverse().toArray();
}

export async function archivesOfPeriod(period: string): Promise<LibraryRecord[]> {
	return db.library.where('period').equals(period).toArray();
}
