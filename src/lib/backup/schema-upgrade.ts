/**
 * A backup made under an older schema is upgraded with the app's own Dexie migrations: its
 * records are written to a temporary database at the backup's version, which is then opened at
 * the current version (running every upgrade in src/lib/db/migrations), read back and deleted.
 * All of this happens before the restore transaction opens.
 */
import Dexie from 'dexie';
import { SCHEMA_VERSIONS } from '$lib/db/schema';
import { MIGRATIONS } from '$lib/db/migrations';
import type { ParsedBackup } from './backup-reader';
import type { TableData } from './backup-tables';

export interface SchemaHistory {
	versions: { version: number; stores: Record<string, string | null> }[];
	migrations: Record<number, (tx: import('dexie').Transaction) => Promise<void> | void>;
}

export const APP_SCHEMA_HISTORY: SchemaHistory = { versions: SCHEMA_VERSIONS, migrations: MIGRATIONS };

function declare(db: Dexie, history: SchemaHistory, upTo: number): void {
	for (const { version, stores } of history.versions) {
		if (version > upTo) break;
		const v = db.version(version).stores(stores);
		const upgrade = history.migrations[version];
		if (upgrade) v.upgrade(upgrade);
	}
}

export async function upgradeBackupSchema(
	backup: ParsedBackup,
	targetVersion: number,
	history: SchemaHistory = APP_SCHEMA_HISTORY
): Promise<Record<string, TableData>> {
	const name = `pilot-restore-${Date.now()}-${Math.random().toString(36).slice(2)}`;
	try {
		const old = new Dexie(name);
		declare(old, history, backup.manifest.schemaVersion);
		await old.open();
		const present = old.tables.filter((t) => backup.tables[t.name]);
		await old.transaction('rw', present, async () => {
			for (const table of present) {
				const data = backup.tables[table.name];
				if (data.keys)
					await table.bulkPut(data.records, data.keys as import('dexie').IndexableTypeArrayReadonly);
				else await table.bulkPut(data.records);
			}
		});
		old.close();
		const current = new Dexie(name);
		declare(current, history, targetVersion);
		await current.open();
		const tables: Record<string, TableData> = {};
		await current.transaction('r', current.tables, async () => {
			for (const table of current.tables) {
				const outbound = !table.schema.primKey.keyPath;
				const records = await table.toArray();
				tables[table.name] = outbound
					? { records, keys: await table.toCollection().primaryKeys() }
					: { records };
			}
		});
		current.close();
		return tables;
	} finally {
		await Dexie.delete(name);
	}
}
