import type { Transaction } from 'dexie';
import { packChunkRecords } from './v2-packed-chunks';
import { nameArchiveSources } from './v4-archive-sources';

/** Upgrade functions by the schema version they lead to. Each has its own test. */
export const MIGRATIONS: Record<number, (tx: Transaction) => Promise<void> | void> = {
	2: packChunkRecords,
	4: nameArchiveSources
};
