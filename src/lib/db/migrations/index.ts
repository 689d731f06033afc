import type { Transaction } from 'dexie';

/** Upgrade functions by the schema version they lead to. Each has its own test. */
export const MIGRATIONS: Record<number, (tx: Transaction) => Promise<void> | void> = {};
